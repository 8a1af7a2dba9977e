using MicroTvm.IR;

namespace MicroTvm.IR.Tests.Support;

/// <summary>
/// Graphs whose only interesting property is their shape: node i yields <c>%v{i}</c> and reads
/// the results of its predecessors (and the graph input <c>%in</c> when it has none, or when
/// asked). Types are meaningless: these graphs are for the analyses, not the verifier.
/// </summary>
internal static class DataflowGraphs
{
    private static readonly TensorType Type = Types.F32(4);

    public static Graph FromEdges(int count, (int From, int To)[] edges, int[] outputs, int[]? alsoReadInput = null)
    {
        var nodes = new Node[count];
        for (var n = 0; n < count; n++)
        {
            var operands = edges.Where(e => e.To == n).Select(e => Name(e.From)).ToList();
            if (operands.Count == 0 || (alsoReadInput?.Contains(n) ?? false))
            {
                operands.Add("in");
            }

            nodes[n] = new Node(Ops.Add, [.. operands], [new Value(Name(n), Type)]);
        }

        return new Graph("main", [new Value("in", Type)], [.. nodes], [.. outputs.Select(Name)]);
    }

    public static string Name(int node) => $"v{node}";
}
