namespace MicroTvm.Passes;

/// <summary>
/// Names of fused graphs: <c>fused_</c>, the group's op names in order, and a number counting
/// the groups of the module from 0 (so names are deterministic and unique even when two groups
/// hold the same ops); names already taken in the module are skipped. Long op lists are cut at
/// an op boundary.
/// </summary>
internal sealed class FunctionNames(Module module)
{
    private const int MaxOpsLength = 48;

    private readonly HashSet<string> _taken = [.. module.Graphs.Select(g => g.Name)];
    private int _next;

    public string Next(IEnumerable<string> opNames)
    {
        var ops = string.Empty;
        foreach (var op in opNames)
        {
            if (ops.Length > 0 && ops.Length + 1 + op.Length > MaxOpsLength)
            {
                break;
            }

            ops = ops.Length == 0 ? op : $"{ops}_{op}";
        }

        string name;
        do
        {
            name = $"fused_{ops}_{_next++}";
        }
        while (!_taken.Add(name));

        return name;
    }
}
