using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MicroTvm.Benchmarks.FrontEndBenchmarks).Assembly).Run(args);
