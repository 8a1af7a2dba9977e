namespace MicroTvm.Frontend.Onnx;

/// <summary>Whole-graph checks before conversion: op support, definitions, topological order.</summary>
internal sealed partial class GraphImporter
{
    /// <summary>Why an op cannot be imported at all, or null when the op table has it.</summary>
    public string? OpProblem(NodeProto node)
    {
        if (!OnnxOpsets.IsDefaultDomain(node.Domain))
        {
            return $"op '{node.OpType}' of domain '{node.Domain}' is not supported (only the default ONNX domain is)";
        }

        return OnnxOpTable.TryGet(node.OpType, out _)
            ? null
            : $"op '{node.OpType}' (opset {_opset}) is not supported by the ONNX importer";
    }

    /// <summary>Node indices in a topological order, or null after reporting every problem found.</summary>
    private List<int>? CheckNodes(GraphProto graph)
    {
        var ok = true;
        for (var i = 0; i < graph.Node.Count; i++)
        {
            if (OpProblem(graph.Node[i]) is { } problem)
            {
                ReportNode(i, OnnxDiagnosticIds.UnsupportedOp, problem);
                ok = false;
            }
        }

        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        var defined = new HashSet<string>(graph.Input.Select(i => i.Name), StringComparer.Ordinal);
        defined.UnionWith(graph.Initializer.Select(i => i.Name));
        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var output in graph.Node[i].Output.Where(o => o.Length > 0))
            {
                if (!producers.TryAdd(output, i) || defined.Contains(output))
                {
                    ReportNode(i, OnnxDiagnosticIds.DuplicateDefinition, $"tensor '{output}' is defined more than once");
                    ok = false;
                }
            }
        }

        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var input in graph.Node[i].Input.Where(n => n.Length > 0))
            {
                if (!producers.ContainsKey(input) && !defined.Contains(input))
                {
                    ReportNode(i, OnnxDiagnosticIds.UndefinedTensor, $"input '{input}' is not a graph input, an initializer or the output of any node");
                    ok = false;
                }
            }
        }

        foreach (var output in graph.Output.Where(o => !producers.ContainsKey(o.Name) && !defined.Contains(o.Name)))
        {
            Report(OnnxDiagnosticIds.UndefinedTensor, $"graph output '{output.Name}' is not defined by any node, input or initializer", ModelLocation($"output '{output.Name}'"));
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var order = TopologicalOrder(graph, producers);
        if (order is not null)
        {
            LoadConstantNodes(graph, order);
        }

        return order;
    }

    /// <summary>Kahn's algorithm, keeping the file's order among ready nodes.</summary>
    private List<int>? TopologicalOrder(GraphProto graph, Dictionary<string, int> producers)
    {
        var count = graph.Node.Count;
        var pending = new int[count];
        var users = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = [];
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var producer in graph.Node[i].Input.Where(n => n.Length > 0).Distinct())
            {
                if (producers.TryGetValue(producer, out var p))
                {
                    pending[i]++;
                    users[p].Add(i);
                }
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var user in users[next])
            {
                if (--pending[user] == 0)
                {
                    ready.Enqueue(user, user);
                }
            }
        }

        if (order.Count == count)
        {
            return order;
        }

        var cyclic = Enumerable.Range(0, count).Where(i => pending[i] > 0).ToList();
        Report(OnnxDiagnosticIds.Cycle, $"the graph has a cycle through nodes {string.Join(", ", cyclic.Take(10).Select(i => NodeLabel(graph.Node[i], i)))}{(cyclic.Count > 10 ? " …" : string.Empty)}", ModelLocation("graph"));
        return null;
    }

    private void LoadConstantNodes(GraphProto graph, List<int> order)
    {
        foreach (var index in order)
        {
            var node = graph.Node[index];
            if (node.OpType != "Constant" || !OnnxOpsets.IsDefaultDomain(node.Domain))
            {
                continue;
            }

            try
            {
                if (node.Output.Count != 1)
                {
                    throw new OnnxImportException(OnnxDiagnosticIds.UnsupportedOpConfiguration, "a Constant node has exactly one output");
                }

                _constants[node.Output[0]] = ConstantNodeReader.Read(node);
            }
            catch (OnnxImportException e)
            {
                ReportNode(index, e.Id, e.Message);
                _failed.Add(node.Output[0]);
            }
        }
    }
}
