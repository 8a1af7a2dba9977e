namespace MicroTvm.Driver.Tests;

/// <summary>Runs the tool in process, with the test passes registered, capturing both streams.</summary>
internal static class Tool
{
    private static readonly DriverConfiguration Configuration =
        DriverConfiguration.Default with { Registry = PassRegistry.Core.WithAssembly(typeof(Tool).Assembly) };

    public static (int Exit, string Output, string Error) Run(params string[] args) => Run(Configuration, args);

    public static (int Exit, string Output, string Error) RunDefault(params string[] args) => Run(DriverConfiguration.Default, args);

    private static (int Exit, string Output, string Error) Run(DriverConfiguration configuration, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = MtvmOpt.Run(args, configuration, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
