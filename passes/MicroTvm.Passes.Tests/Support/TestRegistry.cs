namespace MicroTvm.Passes.Tests.Support;

internal static class TestRegistry
{
    public static PassRegistry Instance { get; } = PassRegistry.Core.WithAssembly(typeof(TestRegistry).Assembly);

    public static ResolvedPipeline Bind(string steps)
    {
        var (parsed, syntax) = PipelineParser.ParseSteps(steps, "test");
        Assert.Empty(syntax);
        var (pipeline, diagnostics) = new PipelineBinder(Instance).BindSteps("test", parsed, null, []);
        Assert.True(pipeline is not null, string.Join("\n", diagnostics));
        return pipeline;
    }

    public static Module Parse(string text)
    {
        var parsed = MicroTvm.IR.Text.ModuleParser.Parse(text, "test.mir");
        Assert.True(parsed.Module is not null, string.Join("\n", parsed.Diagnostics));
        return parsed.Module;
    }

    public const string SmallModule = """
        graph @main(%a: tensor<4xf32>) {
          %n = neg(%a) : tensor<4xf32>
          %r = relu(%a) : tensor<4xf32>
          return %r
        }
        """;
}
