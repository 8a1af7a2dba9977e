using Attribute = MicroTvm.IR.Attribute;

namespace MicroTvm.Passes;

/// <summary>
/// A mutable copy of one graph for the layout rewrites: nodes in order, producers and uses
/// recomputed after every edit (graphs are small; correctness beats incremental bookkeeping),
/// and fresh value names. <see cref="ToGraph"/> gives the immutable result.
/// </summary>
internal sealed class LayoutWorkspace
{
    private readonly Graph _graph;
    private readonly List<Node> _nodes;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inputs;
    private readonly HashSet<string> _outputs;
    private Dictionary<string, Node> _producers = [];
    private Dictionary<string, List<Node>> _users = [];

    public LayoutWorkspace(Graph graph)
    {
        _graph = graph;
        _nodes = [.. graph.Nodes];
        _inputs = new HashSet<string>(graph.Inputs.Select(i => i.Name), StringComparer.Ordinal);
        _outputs = new HashSet<string>(graph.Outputs, StringComparer.Ordinal);
        _names.UnionWith(_inputs);
        _names.UnionWith(_nodes.SelectMany(n => n.Results).Select(r => r.Name));
        Reindex();
    }

    public IReadOnlyList<Node> Nodes => _nodes;

    public Graph ToGraph() => _graph.WithNodes([.. _nodes]);

    public bool IsInput(string value) => _inputs.Contains(value);

    public bool IsOutput(string value) => _outputs.Contains(value);

    public Node? Producer(string value) => _producers.GetValueOrDefault(value);

    public IReadOnlyList<Node> Users(string value) => _users.TryGetValue(value, out var users) ? users : [];

    public TensorType TypeOf(string value) =>
        _producers.TryGetValue(value, out var node)
            ? node.Results.First(r => r.Name == value).Type
            : _graph.Inputs.First(i => i.Name == value).Type;

    /// <summary>True when every use of the value is by <paramref name="user"/> and it is no graph output.</summary>
    public bool OnlyUsedBy(string value, Node user) =>
        !IsOutput(value) && Users(value).All(u => ReferenceEquals(u, user));

    public string FreshName(string stem)
    {
        var name = stem;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{stem}.{i}";
        }

        return name;
    }

    public static bool IsTranspose(Node? node) => node is not null && ReferenceEquals(node.Op, Ops.Transpose);

    public static bool IsConstant(Node? node) => node is not null && ReferenceEquals(node.Op, Ops.Constant);

    public static int[] PermOf(Node transpose) => [.. transpose.GetInts("perm").Select(a => (int)a)];

    public Node? ProducingTranspose(string value) => Producer(value) is { } node && IsTranspose(node) ? node : null;

    /// <summary>A node computing <c>transpose(value, perm)</c>, reused when one exists, else inserted first.</summary>
    public string InterfaceTranspose(string input, IReadOnlyList<int> perm)
    {
        var existing = Users(input).FirstOrDefault(u => IsTranspose(u) && PermOf(u).SequenceEqual(perm));
        if (existing is not null)
        {
            // Readers may now come before it: an input's transpose can always go first.
            _nodes.Remove(existing);
            _nodes.Insert(0, existing);
            Reindex();
            return existing.Result.Name;
        }

        var transpose = MakeTranspose(input, perm, FreshName(input + ".t"));
        _nodes.Insert(0, transpose);
        Reindex();
        return transpose.Result.Name;
    }

    public Node MakeTranspose(string input, IReadOnlyList<int> perm, string result) =>
        MakeTranspose(new Value(input, TypeOf(input)), perm, result);

    public static Node MakeTranspose(Value input, IReadOnlyList<int> perm, string result) =>
        new(Ops.Transpose, [input.Name], [new Value(result, Permutation.Apply(input.Type, perm))], Single("perm", Ints(perm)));

    public Node MakeConstant(TensorData data, string stem) =>
        new(Ops.Constant, [], [new Value(FreshName(stem), data.Type)], Single("value", new TensorAttribute(data)));

    public Node MakeReshape(string input, ImmutableArray<int> shape, string result) =>
        new(Ops.Reshape, [input], [new Value(result, TypeOf(input).WithShape(shape))], Single("shape", Ints(shape)));

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="old"/> was.</summary>
    public void Replace(Node old, IEnumerable<Node> replacement)
    {
        var at = _nodes.IndexOf(old);
        _nodes.RemoveAt(at);
        _nodes.InsertRange(at, replacement);
        Reindex();
    }

    public void Remove(Node node)
    {
        _nodes.Remove(node);
        Reindex();
    }

    /// <summary>Makes every node that reads <paramref name="from"/> read <paramref name="to"/>; not for graph outputs.</summary>
    public void ReplaceUses(string from, string to)
    {
        for (var i = 0; i < _nodes.Count; i++)
        {
            var node = _nodes[i];
            if (node.Operands.Contains(from))
            {
                _nodes[i] = node.WithOperands([.. node.Operands.Select(o => o == from ? to : o)]);
            }
        }

        Reindex();
    }

    /// <summary>Erases transposes, reshapes and constants that nothing reads, repeatedly.</summary>
    public void RemoveDeadLayoutNodes()
    {
        bool removed;
        do
        {
            removed = false;
            for (var i = _nodes.Count - 1; i >= 0; i--)
            {
                var node = _nodes[i];
                if ((IsTranspose(node) || IsConstant(node) || ReferenceEquals(node.Op, Ops.Reshape))
                    && node.Results.All(r => !IsOutput(r.Name) && Users(r.Name).Count == 0))
                {
                    _nodes.RemoveAt(i);
                    Reindex();
                    removed = true;
                }
            }
        }
        while (removed);
    }

    private void Reindex()
    {
        _producers = new Dictionary<string, Node>(StringComparer.Ordinal);
        _users = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            foreach (var result in node.Results)
            {
                _producers[result.Name] = node;
            }

            foreach (var operand in node.Operands.Where(o => o.Length > 0).Distinct())
            {
                if (!_users.TryGetValue(operand, out var users))
                {
                    _users[operand] = users = [];
                }

                users.Add(node);
            }
        }
    }

    private static ImmutableSortedDictionary<string, Attribute> Single(string name, Attribute value) =>
        ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal).Add(name, value);

    private static IntListAttribute Ints(IEnumerable<int> values) => new([.. values.Select(v => (long)v)]);
}
