using System.Diagnostics;

namespace MicroTvm.Passes;

/// <summary>
/// Branch and bound over the orders given to <see cref="FirstFit"/>, which include an optimal one.
/// Depth-first, children tried lowest resulting end first; a branch is cut when its end already
/// reaches the best plan found. Two buffers that are never live together give the same offsets in
/// either order, so after placing p the search does not place a lower-numbered buffer that p does
/// not conflict with (one order of each such swap is enough). It proves optimality when the search
/// finishes or a plan meets the lower bound; at the node limit or the time limit, whichever comes
/// first, it keeps the best plan found. The node limit is what makes plans reproducible: the
/// same problem visits the same nodes on every machine, so with a generous time limit the plan
/// never depends on how fast the compiling machine is.
/// </summary>
internal sealed class ExactPlanner
{
    private readonly PlacementProblem _problem;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _limitTicks;
    private readonly long _nodeLimit;
    private readonly long[] _offsets;
    private readonly bool[] _placed;
    private readonly int[] _order;
    private readonly bool[][] _conflicts;
    private readonly List<(long Low, long High)> _scratch = [];
    private int[] _bestOrder;
    private long _best;
    private long _nodes;
    private bool _timedOut;

    private ExactPlanner(PlacementProblem problem, int[] start, long startBytes, int timeLimitMs, long nodeLimit)
    {
        _problem = problem;
        var count = problem.Buffers.Count;
        _offsets = new long[count];
        _placed = new bool[count];
        _order = new int[count];
        _conflicts = new bool[count][];
        for (var i = 0; i < count; i++)
        {
            _conflicts[i] = new bool[count];
            foreach (var conflict in problem.Conflicts[i])
            {
                _conflicts[i][conflict.Other] = true;
            }
        }

        _bestOrder = start;
        _best = startBytes;
        _limitTicks = (long)timeLimitMs * Stopwatch.Frequency / 1000;
        _nodeLimit = nodeLimit;
    }

    /// <summary>The best order found, its bytes, and whether no order needs fewer.</summary>
    public static (int[] Order, long Bytes, bool Optimal) Search(PlacementProblem problem, int[] start, int timeLimitMs, long nodeLimit)
    {
        var startBytes = FirstFit.Place(problem, start).Bytes;
        var search = new ExactPlanner(problem, start, startBytes, timeLimitMs, nodeLimit);
        if (startBytes > problem.LowerBound)
        {
            search.Descend(0, 0, -1);
        }

        return (search._bestOrder, search._best, !search._timedOut || search._best <= problem.LowerBound);
    }

    private bool Done => _timedOut || _best <= _problem.LowerBound;

    private void Descend(int depth, long end, int previous)
    {
        var count = _order.Length;
        if (depth == count)
        {
            if (end < _best)
            {
                _best = end;
                _bestOrder = (int[])_order.Clone();
            }

            return;
        }

        if (++_nodes > _nodeLimit || (_nodes % 256 == 0 && _clock.ElapsedTicks > _limitTicks))
        {
            _timedOut = true;
            return;
        }

        var children = new List<(long End, long Offset, int Index)>();
        for (var i = 0; i < count; i++)
        {
            if (_placed[i] || (previous >= 0 && i < previous && !_conflicts[previous][i]))
            {
                continue;
            }

            var offset = FirstFit.Lowest(_problem, i, _offsets, _placed, _scratch);
            var childEnd = Math.Max(end, offset + _problem.Buffers[i].Bytes);
            if (childEnd < _best)
            {
                children.Add((childEnd, offset, i));
            }
        }

        children.Sort();
        foreach (var (childEnd, offset, index) in children)
        {
            if (childEnd >= _best || Done)
            {
                return;
            }

            _offsets[index] = offset;
            _placed[index] = true;
            _order[depth] = index;
            Descend(depth + 1, childEnd, index);
            _placed[index] = false;
        }
    }
}
