using MicroTvm.IR.Text;
using MicroTvm.IR.Testing;
using MicroTvm.Passes;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Backends.C.Tests.Models;

/// <summary>Runs pipelines/aot.pass's default pipeline (graph passes, lowering, executor, memory plan) on a module.</summary>
internal static class AotCompiler
{
    private static readonly Lazy<ResolvedPipeline> DefaultPipeline = new(() =>
    {
        var library = PipelineLoader.Load(Path.Combine(TestEnvironment.RepoRoot, "pipelines", "aot.pass"));
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).Bind(library, null, [], []);
        return pipeline ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    });

    /// <summary>The compiled module, or the diagnostics that stopped it.</summary>
    public static (Module? Module, ImmutableArray<Diagnostic> Diagnostics) Compile(Module module)
    {
        var result = new PassManager(new PassManagerOptions(), []).Run(module, DefaultPipeline.Value);
        return (result.Diagnostics.Any(d => d.IsError) ? null : result.Module, result.Diagnostics);
    }

    public static Module CompileOrFail(Module module)
    {
        var (compiled, diagnostics) = Compile(module);
        Assert.True(compiled is not null, string.Join("\n", diagnostics));
        return compiled;
    }

    public static Module Sample(string name) =>
        ModuleParser.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "samples", name)), name).Module!;
}
