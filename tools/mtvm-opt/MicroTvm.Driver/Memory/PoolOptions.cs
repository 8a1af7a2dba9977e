using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Driver.Memory;

/// <summary><c>--pool name=SIZE[@ALIGNMENT]</c>, repeated: becomes plan-memory's <c>pools</c> option, in the order given.</summary>
internal static class PoolOptions
{
    public static ImmutableArray<PassOptionOverride> Overrides(IReadOnlyList<string> pools)
    {
        if (pools.Count == 0)
        {
            return [];
        }

        var list = "[" + string.Join(", ", pools.Select(p => "\"" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "]";
        var (value, diagnostics) = PipelineParser.ParseValue(list, "--pool");
        return value is null
            ? throw new UsageException($"--pool {string.Join(" ", pools)}: {string.Join("; ", diagnostics.Select(d => d.Message))}")
            : [new PassOptionOverride("plan-memory", "pools", value)];
    }
}
