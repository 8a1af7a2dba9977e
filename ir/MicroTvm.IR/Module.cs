namespace MicroTvm.IR;

/// <summary>
/// The unit of compilation: named graphs (the entry graph is <c>main</c>; fused groups and other
/// functions are further graphs) and module attributes (e.g. offline memory allocations).
/// </summary>
public sealed class Module : IEquatable<Module>
{
    public const string MainGraphName = "main";

    public Module(ImmutableArray<Graph> graphs, ImmutableSortedDictionary<string, Attribute>? attributes = null)
    {
        Graphs = graphs.IsDefault ? [] : graphs;
        Attributes = attributes ?? ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
    }

    public ImmutableArray<Graph> Graphs { get; }

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

    public Module WithGraphs(ImmutableArray<Graph> graphs) => new(graphs, Attributes);

    /// <summary>Replaces the graph of the same name.</summary>
    public Module WithGraph(Graph graph)
    {
        for (var i = 0; i < Graphs.Length; i++)
        {
            if (Graphs[i].Name == graph.Name)
            {
                return new Module(Graphs.SetItem(i, graph), Attributes);
            }
        }

        throw new ArgumentException($"the module has no graph '{graph.Name}'", nameof(graph));
    }

    public Module WithAttributes(ImmutableSortedDictionary<string, Attribute> attributes) => new(Graphs, attributes);

    public bool Equals(Module? other) =>
        other is not null
        && ImmutableArrayEquality.SequenceEqual(Graphs, other.Graphs)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(pair => other.Attributes.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));

    public override bool Equals(object? obj) => Equals(obj as Module);

    public override int GetHashCode() => Graphs.Length;
}
