using System.Diagnostics;

namespace MicroTvm.Passes;

/// <summary>Phase two of fuse-ops: each group becomes a primitive graph and one <c>call</c> in its place.</summary>
public sealed partial class FuseOpsPass
{
    private Graph Rewrite(Graph graph, List<ImmutableArray<int>> groups, FunctionNames names, List<Graph> functions)
    {
        var calls = new Dictionary<int, Node>();
        var members = new HashSet<int>();
        foreach (var group in groups)
        {
            var function = Outline(graph, group, names);
            functions.Add(function.Graph);
            calls.Add(group[^1], function.Call);
            members.UnionWith(group);
            NumGroups.Increment();
            NumFusedOps.Add(group.Length);
            if (group.Length > MaxGroupSize.Value)
            {
                MaxGroupSize.Add(group.Length - MaxGroupSize.Value);
            }
        }

        var nodes = new List<Node>(graph.Nodes.Length);
        for (var n = 0; n < graph.Nodes.Length; n++)
        {
            if (calls.TryGetValue(n, out var call))
            {
                nodes.Add(call);
            }
            else if (!members.Contains(n))
            {
                nodes.Add(graph.Nodes[n]);
            }
        }

        // A constant stays in the caller only while a node of the caller or a graph output still reads it.
        var read = new HashSet<string>(graph.Outputs, StringComparer.Ordinal);
        read.UnionWith(nodes.Where(node => !ReferenceEquals(node.Op, Ops.Constant)).SelectMany(node => node.Operands));
        return graph.WithNodes([.. nodes.Where(node => !ReferenceEquals(node.Op, Ops.Constant) || node.Results.Any(r => read.Contains(r.Name)))]);
    }

    /// <summary>The primitive graph of one group and the call that replaces it.</summary>
    private static (Graph Graph, Node Call) Outline(Graph graph, ImmutableArray<int> group, FunctionNames names)
    {
        var index = graph.Index;
        var root = graph.Nodes[group[^1]];
        var inside = new HashSet<string>(group.SelectMany(n => graph.Nodes[n].Results).Select(r => r.Name), StringComparer.Ordinal);
        Debug.Assert(
            group[..^1].All(n => graph.Nodes[n].Results.All(r => !index.IsGraphOutput(r.Name) && index.Uses(r.Name).All(u => group.Contains(u.NodeIndex)))),
            "only the root's results leave a group");

        var constants = new List<Node>();
        var arguments = new List<string>();
        foreach (var operand in group.SelectMany(n => graph.Nodes[n].Operands).Where(o => o.Length > 0 && !inside.Contains(o)).Distinct())
        {
            if (index.Producer(operand) is { } producer && ReferenceEquals(producer.Op, Ops.Constant))
            {
                constants.Add(producer);
                inside.Add(operand);
            }
            else
            {
                arguments.Add(operand);
            }
        }

        var parameters = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var name = $"p{parameters.Count}";
            while (inside.Contains(name))
            {
                name += "_";
            }

            parameters.Add(argument, new Value(name, index.FindValue(argument)!.Type));
        }

        var body = group.Select(n => graph.Nodes[n])
            .Select(node => node.WithOperands([.. node.Operands.Select(o => parameters.TryGetValue(o, out var p) ? p.Name : o)]));
        var callee = names.Next(group.Select(n => graph.Nodes[n].Op.Name));
        var function = new Graph(
            callee,
            [.. parameters.Values],
            [.. constants, .. body],
            [.. root.Results.Select(r => r.Name)],
            ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal).Add(PrimitiveAttribute, new BoolAttribute(true)));
        var call = new Node(
            Ops.Call,
            [.. arguments],
            root.Results,
            ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal).Add("callee", new StringAttribute(callee)),
            root.Location);
        return (function, call);
    }
}
