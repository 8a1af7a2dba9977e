using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.PlanMemory;

/// <summary>
/// Pipelines of pipelines/aot.pass, bound once, and a pass-manager run that also keeps the
/// module <c>build-aot-executor</c> received (the lowered module before the executor passes).
/// </summary>
internal static class AotPipelines
{
    private static readonly Lazy<ResolvedPipeline> CodegenPipeline = new(() => Load("codegen"));

    public static ResolvedPipeline Codegen => CodegenPipeline.Value;

    /// <summary>Runs <paramref name="pipeline"/> with the verifier after every pass.</summary>
    public static (PassManagerResult Result, Module? Lowered) Run(Module module, ResolvedPipeline pipeline)
    {
        var capture = new CaptureBeforeExecutor();
        var result = new PassManager(new PassManagerOptions(), [capture]).Run(module, pipeline);
        return (result, capture.Lowered);
    }

    /// <summary>Runs pipeline text such as <c>build-aot-executor, plan-memory { pool-size = 100B }</c>.</summary>
    public static PassManagerResult Run(Module module, string pipeline) =>
        new PassManager(new PassManagerOptions(), []).Run(module, TestRegistry.Bind(pipeline));

    private static ResolvedPipeline Load(string name)
    {
        var library = PipelineLoader.Load(Path.Combine(RepoPaths.Root, "pipelines", "aot.pass"));
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).Bind(library, name, [], []);
        Assert.True(pipeline is not null, string.Join("\n", diagnostics));
        return pipeline;
    }

    private sealed class CaptureBeforeExecutor : IPassInstrumentation
    {
        public Module? Lowered { get; private set; }

        public void BeforePass(PassRun run, Module module)
        {
            if (run.PassName == "build-aot-executor")
            {
                Lowered = module;
            }
        }
    }
}
