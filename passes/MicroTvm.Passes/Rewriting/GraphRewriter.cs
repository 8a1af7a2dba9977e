namespace MicroTvm.Passes.Rewriting;

/// <summary>
/// Builds the rewritten copy of one graph in a single forward walk over its nodes: the caller
/// emits the nodes it keeps or creates, and replaces the results of the nodes it drops by
/// values already emitted. Operands are resolved through those replacements, so a rewrite sees
/// the rewritten producers of its operands. Graph outputs keep their names: when an output is
/// replaced, the replacing value takes the output's name instead (when that is impossible —
/// the replacement is a graph input or itself an output — <see cref="CanReplace"/> says no).
/// Shared by the rewriting passes; one instance per graph and walk.
/// </summary>
public sealed class GraphRewriter
{
    private readonly Graph _graph;
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, string> _replacements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _renames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorType> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputs;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GraphRewriter(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        _outputs = new HashSet<string>(graph.Outputs, StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            _inputs.Add(input.Name);
            _types.TryAdd(input.Name, input.Type);
            _names.Add(input.Name);
        }

        foreach (var node in graph.Nodes)
        {
            foreach (var result in node.Results)
            {
                _names.Add(result.Name);
            }
        }
    }

    /// <summary>The graph being rewritten, unchanged.</summary>
    public Graph Source => _graph;

    /// <summary>True once anything was replaced or <see cref="MarkChanged"/> was called.</summary>
    public bool Changed { get; private set; }

    /// <summary>The value that now stands for <paramref name="value"/> (itself unless replaced); the empty name stays empty.</summary>
    public string Resolve(string value)
    {
        while (_replacements.TryGetValue(value, out var replacement))
        {
            value = replacement;
        }

        return value;
    }

    /// <summary>The node with its operands resolved; the same instance when none was replaced.</summary>
    public Node WithResolvedOperands(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var operands = node.Operands.Select(Resolve).ToImmutableArray();
        return operands.SequenceEqual(node.Operands, StringComparer.Ordinal) ? node : node.WithOperands(operands);
    }

    /// <summary>The emitted node producing <paramref name="value"/>; null for graph inputs and values not emitted yet.</summary>
    public Node? Producer(string value) => _producers.GetValueOrDefault(Resolve(value));

    /// <summary>The constant contents of <paramref name="value"/> when an emitted <c>constant</c> node produces it.</summary>
    public TensorData? ConstantValue(string value) =>
        value.Length > 0 && Producer(value) is { } producer && ReferenceEquals(producer.Op, Ops.Constant) ? producer.GetTensor("value") : null;

    public TensorType? TypeOf(string value) => _types.GetValueOrDefault(Resolve(value));

    /// <summary>Whether <paramref name="value"/> is one of the graph's outputs (under its original name).</summary>
    public bool IsGraphOutput(string value) => _outputs.Contains(value);

    public void Emit(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Add(node);
        foreach (var result in node.Results)
        {
            _producers[result.Name] = node;
            _types[result.Name] = result.Type;
            _names.Add(result.Name);
        }
    }

    /// <summary>Records a change that <see cref="Replace"/> does not (a node emitted in place of another under the same names).</summary>
    public void MarkChanged() => Changed = true;

    /// <summary>
    /// Whether every use of <paramref name="value"/> may be redirected to <paramref name="replacement"/>:
    /// always, unless <paramref name="value"/> is a graph output; then the replacement must be an emitted
    /// node's result that is neither an output nor already renamed, so that it can take the output's name.
    /// </summary>
    public bool CanReplace(string value, string replacement)
    {
        if (!_outputs.Contains(value))
        {
            return true;
        }

        var resolved = Resolve(replacement);
        return _producers.ContainsKey(resolved) && !_inputs.Contains(resolved) && !_outputs.Contains(resolved) && !_renames.ContainsKey(resolved);
    }

    /// <summary>Redirects every use of <paramref name="value"/> (whose producer the caller drops) to <paramref name="replacement"/>.</summary>
    public void Replace(string value, string replacement)
    {
        if (!CanReplace(value, replacement))
        {
            throw new InvalidOperationException($"'%{value}' cannot be replaced by '%{replacement}': ask CanReplace first");
        }

        var resolved = Resolve(replacement);
        _replacements[value] = resolved;
        if (_outputs.Contains(value))
        {
            _renames[resolved] = _renames.Remove(value, out var outputName) ? outputName : value;
            _outputs.Add(resolved);
        }

        Changed = true;
    }

    /// <summary>A name no value of the graph has, built from <paramref name="stem"/>.</summary>
    public string FreshName(string stem)
    {
        var name = stem;
        for (var i = 1; _names.Contains(name); i++)
        {
            name = $"{stem}_{i}";
        }

        _names.Add(name);
        return name;
    }

    /// <summary>Whether type inference, over the types of the values emitted so far, gives exactly the node's declared result types.</summary>
    public bool InfersDeclaredTypes(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var inferred = TypeInferenceRunner.InferResultTypes(node, TypeOf, out _);
        return !inferred.IsDefault
            && inferred.Length == node.Results.Length
            && inferred.Zip(node.Results, (type, result) => type.Equals(result.Type)).All(same => same);
    }

    /// <summary>The rewritten graph; the source graph itself when nothing changed.</summary>
    public Graph Build()
    {
        if (!Changed)
        {
            return _graph;
        }

        var nodes = ImmutableArray.CreateBuilder<Node>(_nodes.Count);
        foreach (var node in _nodes)
        {
            var operands = node.Operands.Select(Final).ToImmutableArray();
            var results = node.Results.Select(r => _renames.TryGetValue(r.Name, out var name) ? r.WithName(name) : r).ToImmutableArray();
            nodes.Add(new Node(node.Op, operands, results, node.Attributes, node.Location));
        }

        return _graph.WithNodes(nodes.MoveToImmutable()).WithOutputs([.. _graph.Outputs.Select(Final)]);
    }

    private string Final(string value)
    {
        var resolved = Resolve(value);
        return _renames.GetValueOrDefault(resolved, resolved);
    }
}
