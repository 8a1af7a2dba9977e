namespace MicroTvm.IR;

/// <summary>
/// Use–def information of one immutable graph: every value by name, the node producing it, and
/// the uses of it (node operands and graph outputs). Tolerates invalid graphs (the first
/// definition of a duplicated name wins) so that the verifier can use it to report them.
/// </summary>
public sealed class GraphIndex
{
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Use>> _uses = new(StringComparer.Ordinal);
    private readonly Graph _graph;

    internal GraphIndex(Graph graph)
    {
        _graph = graph;
        foreach (var input in graph.Inputs)
        {
            _values.TryAdd(input.Name, input);
        }

        for (var n = 0; n < graph.Nodes.Length; n++)
        {
            var node = graph.Nodes[n];
            foreach (var result in node.Results)
            {
                if (_values.TryAdd(result.Name, result))
                {
                    _producers.Add(result.Name, n);
                }
            }

            for (var o = 0; o < node.Operands.Length; o++)
            {
                if (node.Operands[o].Length > 0)
                {
                    UsesOf(node.Operands[o]).Add(new Use(n, o));
                }
            }
        }

        for (var o = 0; o < graph.Outputs.Length; o++)
        {
            UsesOf(graph.Outputs[o]).Add(new Use(Use.GraphOutput, o));
        }
    }

    public IReadOnlyDictionary<string, Value> Values => _values;

    public Value? FindValue(string name) => _values.GetValueOrDefault(name);

    /// <summary>The index in <see cref="Graph.Nodes"/> of the node producing the value; -1 for graph inputs and unknown names.</summary>
    public int ProducerIndex(string value) => _producers.TryGetValue(value, out var index) ? index : -1;

    public Node? Producer(string value) => _producers.TryGetValue(value, out var index) ? _graph.Nodes[index] : null;

    public IReadOnlyList<Use> Uses(string value) => _uses.TryGetValue(value, out var uses) ? uses : [];

    public bool IsGraphOutput(string value) => Uses(value).Any(use => use.IsGraphOutput);

    private List<Use> UsesOf(string value)
    {
        if (!_uses.TryGetValue(value, out var uses))
        {
            uses = [];
            _uses.Add(value, uses);
        }

        return uses;
    }
}
