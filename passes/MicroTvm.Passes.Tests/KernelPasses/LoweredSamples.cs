using MicroTvm.IR.Text;
using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>samples/tiny_cnn.mir through pipelines/aot.pass's graph passes and lower-to-kernels: the real kernels the kernel passes meet.</summary>
internal static class LoweredSamples
{
    private static readonly Lazy<(Module Original, Module Lowered)> TinyCnnModules = new(LowerTinyCnn);

    public static Module TinyCnnOriginal => TinyCnnModules.Value.Original;

    public static Module TinyCnn => TinyCnnModules.Value.Lowered;

    private static (Module, Module) LowerTinyCnn()
    {
        var original = ModuleParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "tiny_cnn.mir")), "tiny_cnn.mir").Module!;
        var library = PipelineLoader.Load(Path.Combine(RepoPaths.Root, "pipelines", "aot.pass"));
        var (steps, syntax) = PipelineParser.ParseSteps("graph-passes, lower-to-kernels", "lowering");
        Assert.Empty(syntax);
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).BindSteps("lowering", steps, library, []);
        Assert.True(pipeline is not null, string.Join("\n", diagnostics));
        var result = new PassManager(new PassManagerOptions(), []).Run(original, pipeline);
        Assert.True(result.Module is not null, string.Join("\n", result.Diagnostics));
        Assert.NotEmpty(result.Module.Kernels);
        return (original, result.Module);
    }
}
