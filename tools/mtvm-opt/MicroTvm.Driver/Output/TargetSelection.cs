using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Driver.Output;

/// <summary>
/// Which backend and CPU code is generated for: <c>--target</c> and <c>-mcpu</c> when given,
/// else the pipeline's parameters <c>target</c> and <c>mcpu</c> as <c>-D</c> sets them
/// (pipelines/aot.pass declares both, so <c>-D target=llvm -D mcpu=cortex-m4</c> binds), else
/// <c>c</c> for the host. The driver reads the defines rather than the bound pipeline: no pass
/// uses the values, and the target decides what happens after the pipeline, not inside it.
/// </summary>
internal static class TargetSelection
{
    public static CompileTarget Resolve(string? backend, string? cpu, IEnumerable<string> defines)
    {
        var parameters = OverrideParser.Parameters(defines);
        return CompileTarget.Find(backend ?? Define(parameters, "target") ?? "c", cpu ?? Define(parameters, "mcpu") ?? CompileTarget.DefaultCpu);
    }

    private static string? Define(ImmutableArray<KeyValuePair<string, PipelineValue>> parameters, string name)
    {
        var value = parameters.LastOrDefault(p => p.Key == name).Value;
        return value switch
        {
            null => null,
            IdentifierValue identifier => identifier.Name,
            StringValue text => text.Value,
            _ => throw new UsageException($"-D {name}=…: expected a name such as llvm or cortex-m4"),
        };
    }
}
