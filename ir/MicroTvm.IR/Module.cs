using MicroTvm.IR.Kernels;
using MicroTvm.IR.Memory;

namespace MicroTvm.IR;

/// <summary>
/// The unit of compilation: named graphs (the entry graph is <c>main</c>; fused groups and other
/// functions are further graphs), the kernels that lowering produced from them, the static
/// memory plan of the executor (once planned), and module attributes (e.g. offline memory
/// allocations). Equality is structural.
/// </summary>
public sealed class Module : IEquatable<Module>
{
    public const string MainGraphName = "main";

    public Module(
        ImmutableArray<Graph> graphs,
        ImmutableSortedDictionary<string, Attribute>? attributes = null,
        ImmutableArray<KernelFunction> kernels = default,
        MemoryPlan? memoryPlan = null)
    {
        Graphs = graphs.IsDefault ? [] : graphs;
        Attributes = attributes ?? ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
        Kernels = kernels.IsDefault ? [] : kernels;
        MemoryPlan = memoryPlan;
        foreach (var kernel in Kernels)
        {
            ArgumentNullException.ThrowIfNull(kernel, nameof(kernels));
        }
    }

    public ImmutableArray<Graph> Graphs { get; }

    /// <summary>Loop-level kernels, in module order (empty before lowering).</summary>
    public ImmutableArray<KernelFunction> Kernels { get; }

    /// <summary>Where the executor's intermediate buffers live (null before <c>plan-memory</c>).</summary>
    public MemoryPlan? MemoryPlan { get; }

    public ImmutableSortedDictionary<string, Attribute> Attributes { get; }

    /// <summary>The graph named <c>main</c>, or the first graph when none is so named.</summary>
    public Graph Main => FindGraph(MainGraphName)
        ?? (Graphs.Length > 0 ? Graphs[0] : throw new InvalidOperationException("the module has no graphs"));

    public Graph? FindGraph(string name)
    {
        foreach (var graph in Graphs)
        {
            if (graph.Name == name)
            {
                return graph;
            }
        }

        return null;
    }

    public KernelFunction? FindKernel(string name)
    {
        foreach (var kernel in Kernels)
        {
            if (kernel.Name == name)
            {
                return kernel;
            }
        }

        return null;
    }

    public Module WithGraphs(ImmutableArray<Graph> graphs) => new(graphs, Attributes, Kernels, MemoryPlan);

    /// <summary>Replaces the graph of the same name.</summary>
    public Module WithGraph(Graph graph)
    {
        for (var i = 0; i < Graphs.Length; i++)
        {
            if (Graphs[i].Name == graph.Name)
            {
                return new Module(Graphs.SetItem(i, graph), Attributes, Kernels, MemoryPlan);
            }
        }

        throw new ArgumentException($"the module has no graph '{graph.Name}'", nameof(graph));
    }

    public Module WithKernels(ImmutableArray<KernelFunction> kernels) => new(Graphs, Attributes, kernels, MemoryPlan);

    public Module WithAttributes(ImmutableSortedDictionary<string, Attribute> attributes) => new(Graphs, attributes, Kernels, MemoryPlan);

    public Module WithMemoryPlan(MemoryPlan? memoryPlan) => new(Graphs, Attributes, Kernels, memoryPlan);

    public bool Equals(Module? other) =>
        other is not null
        && ImmutableArrayEquality.SequenceEqual(Graphs, other.Graphs)
        && ImmutableArrayEquality.SequenceEqual(Kernels, other.Kernels)
        && Equals(MemoryPlan, other.MemoryPlan)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(pair => other.Attributes.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));

    public override bool Equals(object? obj) => Equals(obj as Module);

    public override int GetHashCode() => HashCode.Combine(Graphs.Length, Kernels.Length);
}
