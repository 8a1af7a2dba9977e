namespace MicroTvm.Driver.Tests;

/// <summary>
/// --memory-report, --memory-plot and --pool on a three-op chain whose plan is known: %a and %b
/// (16 bytes each) live together, %c reuses %a's bytes; 32 bytes, the lower bound.
/// </summary>
public sealed class MemoryOptionsTests : IDisposable
{
    private const string Pipeline = "lower-to-kernels, build-aot-executor, plan-memory";

    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-memory-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Model()
    {
        var path = Path.Combine(_directory, "chain.mir");
        File.WriteAllText(path, """
            graph @main(%x: tensor<4xf32>) {
              %a = relu(%x) : tensor<4xf32>
              %b = neg(%a) : tensor<4xf32>
              %c = exp(%b) : tensor<4xf32>
              %d = tanh(%c) : tensor<4xf32>
              return %d
            }
            """);
        return path;
    }

    [Fact]
    public void TheReportListsEveryBufferThePeakTheBoundAndTheGap()
    {
        var (exit, output, error) = Tool.Run(Model(), "--pass-pipeline", Pipeline, "--memory-report", "-o", Path.Combine(_directory, "out.mir"));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal(
            """
            memory plan (greedy-by-size): 3 buffers over 4 steps
            buffer       bytes  first   last  pool           offset
            %a              16      0      1  workspace           0
            %c              16      2      3  workspace           0
            %b              16      1      2  workspace          16
            pool 'workspace': 32 B, aligned to 16, peak at step 1
            peak (planned activation bytes): 32 B
            lower bound: 32 B at step 1 (32 B with model inputs and outputs)
            gap: 0.00 %

            """.ReplaceLineEndings("\n"),
            output);
    }

    [Fact]
    public void WithoutOutputFileTheReportGoesToStandardErrorBesideTheModule()
    {
        var (exit, output, error) = Tool.Run(Model(), "--pass-pipeline", Pipeline, "--memory-report");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("module {executor = \"aot\"}", output, StringComparison.Ordinal);
        Assert.Contains("gap: 0.00 %", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlotDrawsOneRectanglePerBufferAndMarksThePeak()
    {
        var plot = Path.Combine(_directory, "plan.svg");
        var (exit, _, error) = Tool.Run(Model(), "--pass-pipeline", Pipeline, "--memory-plot", plot, "-o", Path.Combine(_directory, "out.mir"));
        Assert.True(exit == ExitCodes.Success, error);
        var svg = File.ReadAllText(plot);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Equal(3, svg.Split("<title>%").Length - 1);
        Assert.Contains("peak: step 1", svg, StringComparison.Ordinal);
        Assert.Contains("lower bound 32 B", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void PoolsFromTheCommandLineReachPlanMemory()
    {
        var (exit, output, error) = Tool.Run(Model(), "--pass-pipeline", Pipeline, "--pool", "dtcm=16B@8", "--pool", "sram=1K");
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("pool @dtcm {alignment = 8, bytes = 16}", output, StringComparison.Ordinal);
        Assert.Contains("pool @sram {alignment = 16, bytes = 32}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadPoolIsReportedByThePass()
    {
        var (exit, _, error) = Tool.Run(Model(), "--pass-pipeline", Pipeline, "--pool", "sram=lots");
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Contains("plan-memory: pool 'sram=lots': 'lots' is not a byte size such as 256K [MTVM2502]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AReportNeedsAPlan()
    {
        var (exit, _, error) = Tool.Run(Model(), "--pass-pipeline", "infer-types", "--memory-report");
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Contains("--memory-report and --memory-plot need a pipeline that runs plan-memory", error, StringComparison.Ordinal);
    }
}
