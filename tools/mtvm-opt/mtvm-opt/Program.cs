using MicroTvm.Driver;

return MtvmOpt.Run(args, DriverConfiguration.Default, Console.Out, Console.Error);
