using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;
using MicroTvm.Passes;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>Runs pipelines/aot.pass's default pipeline (graph passes, lowering, executor, memory plan) on a module.</summary>
internal static class AotPipeline
{
    private static readonly Lazy<ResolvedPipeline> DefaultPipeline = new(() =>
    {
        var library = PipelineLoader.Load(Path.Combine(TestEnvironment.RepoRoot, "pipelines", "aot.pass"));
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).Bind(library, null, [], []);
        return pipeline ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    });

    /// <summary>The compiled module, or null when the pipeline reported errors.</summary>
    public static Module? Compile(Module module)
    {
        var result = new PassManager(new PassManagerOptions(), []).Run(module, DefaultPipeline.Value);
        return result.Diagnostics.Any(d => d.IsError) ? null : result.Module;
    }

    public static Module CompileOrFail(Module module, string name)
    {
        var compiled = Compile(module);
        Assert.True(compiled is not null, $"{name} does not compile through pipelines/aot.pass");
        return compiled;
    }

    public static Module Sample(string name) =>
        ModuleParser.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "samples", name)), name).Module!;
}
