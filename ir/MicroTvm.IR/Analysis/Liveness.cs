namespace MicroTvm.IR;

/// <summary>
/// Live ranges of a graph's values over a schedule (step i runs <c>schedule[i]</c>), and the
/// live set and bytes per step. A node's operands and results are live together at its step,
/// since a kernel reads its inputs while writing its outputs. Constants get intervals too but
/// are left out of the live bytes: they are stored with the parameters, not in the workspace.
/// The peak of <see cref="LiveBytesAt"/> is a lower bound for any memory plan of this schedule.
/// </summary>
public sealed class Liveness
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly long[] _liveBytes;

    private Liveness(int stepCount, ImmutableArray<LiveInterval> intervals)
    {
        StepCount = stepCount;
        Intervals = intervals;
        _liveBytes = new long[stepCount];
        var delta = new long[stepCount + 1];
        for (var i = 0; i < intervals.Length; i++)
        {
            var interval = intervals[i];
            _byName.Add(interval.Value.Name, i);
            if (!interval.IsConstant && stepCount > 0)
            {
                delta[interval.Definition] += interval.Value.Type.ByteSize;
                delta[interval.LastUse + 1] -= interval.Value.Type.ByteSize;
            }
        }

        long running = 0;
        for (var step = 0; step < stepCount; step++)
        {
            running += delta[step];
            _liveBytes[step] = running;
            PeakLiveBytes = Math.Max(PeakLiveBytes, running);
        }
    }

    public int StepCount { get; }

    /// <summary>Graph inputs first, then each node's results in schedule order.</summary>
    public ImmutableArray<LiveInterval> Intervals { get; }

    /// <summary>The largest <see cref="LiveBytesAt"/> over all steps (0 for an empty schedule).</summary>
    public long PeakLiveBytes { get; }

    /// <summary>Liveness over the graph's own node order.</summary>
    public static Liveness Analyze(Graph graph) => Analyze(graph, graph.Nodes);

    /// <summary>
    /// Liveness over <paramref name="schedule"/>, which must hold every node of the graph once, producers
    /// before consumers. Throws <see cref="ArgumentException"/> otherwise: verify the graph first.
    /// </summary>
    public static Liveness Analyze(Graph graph, IReadOnlyList<Node> schedule)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Count != graph.Nodes.Length || !schedule.ToHashSet(ReferenceEqualityComparer.Instance).SetEquals(graph.Nodes))
        {
            throw new ArgumentException($"the schedule must hold each node of graph '{graph.Name}' exactly once", nameof(schedule));
        }

        var last = Math.Max(0, schedule.Count - 1);
        var definitions = new Dictionary<string, (Value Value, int Step, bool IsConstant)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var input in graph.Inputs)
        {
            Define(definitions, order, input, 0, false);
        }

        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var step = 0; step < schedule.Count; step++)
        {
            var node = schedule[step];
            foreach (var operand in node.Operands)
            {
                if (operand.Length == 0)
                {
                    continue;
                }

                if (!definitions.ContainsKey(operand))
                {
                    throw new ArgumentException($"step {step} ({node}) uses '%{operand}' before the schedule defines it", nameof(schedule));
                }

                lastUse[operand] = step;
            }

            foreach (var result in node.Results)
            {
                Define(definitions, order, result, step, ReferenceEquals(node.Op, Ops.Constant));
            }
        }

        foreach (var output in graph.Outputs)
        {
            if (!definitions.ContainsKey(output))
            {
                throw new ArgumentException($"graph output '%{output}' is not defined", nameof(graph));
            }

            lastUse[output] = last;
        }

        var intervals = ImmutableArray.CreateBuilder<LiveInterval>(order.Count);
        foreach (var name in order)
        {
            var (value, step, isConstant) = definitions[name];
            intervals.Add(new LiveInterval(value, step, Math.Max(step, lastUse.GetValueOrDefault(name, step)), isConstant));
        }

        return new Liveness(schedule.Count, intervals.MoveToImmutable());
    }

    public LiveInterval IntervalOf(string value) =>
        _byName.TryGetValue(value, out var index) ? Intervals[index] : throw new KeyNotFoundException($"no value '%{value}'");

    /// <summary>The non-constant values live at <paramref name="step"/>.</summary>
    public ImmutableArray<Value> LiveAt(int step)
    {
        CheckStep(step);
        return [.. Intervals.Where(i => !i.IsConstant && i.IsLiveAt(step)).Select(i => i.Value)];
    }

    /// <summary>Bytes of the non-constant values live at <paramref name="step"/>.</summary>
    public long LiveBytesAt(int step)
    {
        CheckStep(step);
        return _liveBytes[step];
    }

    private static void Define(Dictionary<string, (Value, int, bool)> definitions, List<string> order, Value value, int step, bool isConstant)
    {
        if (!definitions.TryAdd(value.Name, (value, step, isConstant)))
        {
            throw new ArgumentException($"value '%{value.Name}' is defined twice");
        }

        order.Add(value.Name);
    }

    private void CheckStep(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, StepCount);
    }
}
