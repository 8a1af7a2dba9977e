using MicroTvm.Passes.Lowering;

namespace MicroTvm.Passes;

/// <summary>
/// The kernels of one run of lower-to-kernels: a group graph is lowered once however often it
/// is called, kernel names are unique across the module's graphs and kernels, and the ops of
/// fused groups are counted for the statistics.
/// </summary>
internal sealed class KernelTable(Module module, DspWeightLayout dspWeights)
{
    private readonly Dictionary<string, LoweringResult> _byGraph = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(
        module.Graphs.Select(g => g.Name).Concat(module.Kernels.Select(k => k.Name)), StringComparer.Ordinal);

    public List<LoweredKernel> Lowered { get; } = [];

    public long FusedOps { get; private set; }

    public string FreshName(string hint)
    {
        var name = hint;
        for (var i = 0; !_names.Add(name); i++)
        {
            name = $"{hint}_{i}";
        }

        return name;
    }

    public LoweringResult Lower(Graph group)
    {
        if (_byGraph.TryGetValue(group.Name, out var known))
        {
            return known;
        }

        var result = GroupLowerer.Lower(group, group.Name, dspWeights);
        _byGraph[group.Name] = result;
        if (result.Kernel is { } kernel)
        {
            Lowered.Add(kernel);
            var ops = group.Nodes.Count(n => !ReferenceEquals(n.Op, Ops.Constant));
            FusedOps += ops > 1 ? ops : 0;
        }

        return result;
    }
}
