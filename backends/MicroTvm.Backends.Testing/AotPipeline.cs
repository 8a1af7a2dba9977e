using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;
using MicroTvm.Passes;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Backends.Testing;

/// <summary>Runs a pipeline of pipelines/aot.pass (by default its default one: graph passes, lowering, kernel passes, executor, memory plan) on a module.</summary>
public static class AotPipeline
{
    private static readonly Lazy<ResolvedPipeline> DefaultPipeline = new(() => Bind(null, []));

    public static ResolvedPipeline Bind(string? name, IReadOnlyList<KeyValuePair<string, PipelineValue>> parameters)
    {
        var library = PipelineLoader.Load(Path.Combine(TestEnvironment.RepoRoot, "pipelines", "aot.pass"));
        var (pipeline, diagnostics) = new PipelineBinder(PassRegistry.Core).Bind(library, name, [.. parameters], []);
        return pipeline ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    }

    /// <summary>The compiled module, or null and the diagnostics that stopped it.</summary>
    public static (Module? Module, ImmutableArray<Diagnostic> Diagnostics) Compile(Module module, ResolvedPipeline? pipeline = null)
    {
        var result = new PassManager(new PassManagerOptions(), []).Run(module, pipeline ?? DefaultPipeline.Value);
        return (result.Diagnostics.Any(d => d.IsError) ? null : result.Module, result.Diagnostics);
    }

    public static Module CompileOrThrow(Module module, ResolvedPipeline? pipeline = null)
    {
        var (compiled, diagnostics) = Compile(module, pipeline);
        return compiled ?? throw new InvalidOperationException($"the module does not compile:\n{string.Join("\n", diagnostics)}");
    }

    public static Module Sample(string name) =>
        ModuleParser.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "samples", name)), name).Module!;
}
