namespace MicroTvm.IR;

/// <summary>
/// Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001): iterate
/// idom(b) = intersect of the processed predecessors' idoms, in reverse postorder, until nothing
/// changes; intersect walks two fingers up the partial tree by postorder number.
/// </summary>
internal static class DominatorComputation
{
    public const int Unreachable = -1;

    /// <summary>The immediate dominator of every vertex (the root is its own), or <see cref="Unreachable"/>.</summary>
    public static int[] ImmediateDominators(int vertexCount, int root, IReadOnlyList<IReadOnlyList<int>> successors, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var postorder = Postorder(vertexCount, root, successors);
        var number = new int[vertexCount];
        Array.Fill(number, Unreachable);
        for (var i = 0; i < postorder.Count; i++)
        {
            number[postorder[i]] = i;
        }

        var idom = new int[vertexCount];
        Array.Fill(idom, Unreachable);
        idom[root] = root;
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var i = postorder.Count - 2; i >= 0; i--)
            {
                var vertex = postorder[i];
                var candidate = Unreachable;
                foreach (var predecessor in predecessors[vertex])
                {
                    if (idom[predecessor] == Unreachable)
                    {
                        continue;
                    }

                    candidate = candidate == Unreachable ? predecessor : Intersect(predecessor, candidate, idom, number);
                }

                if (idom[vertex] != candidate)
                {
                    idom[vertex] = candidate;
                    changed = true;
                }
            }
        }

        return idom;
    }

    private static int Intersect(int left, int right, int[] idom, int[] number)
    {
        while (left != right)
        {
            while (number[left] < number[right])
            {
                left = idom[left];
            }

            while (number[right] < number[left])
            {
                right = idom[right];
            }
        }

        return left;
    }

    private static List<int> Postorder(int vertexCount, int root, IReadOnlyList<IReadOnlyList<int>> successors)
    {
        var order = new List<int>(vertexCount);
        var visited = new bool[vertexCount];
        var stack = new Stack<(int Vertex, int Next)>();
        visited[root] = true;
        stack.Push((root, 0));
        while (stack.TryPop(out var frame))
        {
            var edges = successors[frame.Vertex];
            if (frame.Next == edges.Count)
            {
                order.Add(frame.Vertex);
                continue;
            }

            stack.Push((frame.Vertex, frame.Next + 1));
            var next = edges[frame.Next];
            if (!visited[next])
            {
                visited[next] = true;
                stack.Push((next, 0));
            }
        }

        return order;
    }
}
