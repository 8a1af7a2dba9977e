using MicroTvm.IR;
using static MicroTvm.IR.Tests.Support.NodeFactory;
using static MicroTvm.IR.Tests.Support.Types;

namespace MicroTvm.IR.Tests.Analysis;

public sealed class LivenessTests
{
    private static readonly Value X = new("x", F32(4));
    private static readonly Node Weights = Constant("w", F32(4));
    private static readonly Node First = Node(Ops.Add, ["x", "w"], new Value("a", F32(4)));
    private static readonly Node Second = Node(Ops.Relu, ["a"], new Value("b", F32(2, 4)));
    private static readonly Node Unused = Node(Ops.Relu, ["x"], new Value("u", F32(4)));
    private static readonly Graph Chain = Graph([X], [Weights, First, Unused, Second], ["b"]);

    [Fact]
    public void IntervalsRunFromDefinitionToLastUse()
    {
        var liveness = Liveness.Analyze(Chain);
        Assert.Equal(4, liveness.StepCount);
        Assert.Equal(new LiveInterval(X, 0, 2, false), liveness.IntervalOf("x"));
        Assert.Equal(new LiveInterval(Weights.Result, 0, 1, true), liveness.IntervalOf("w"));
        Assert.Equal(new LiveInterval(First.Result, 1, 3, false), liveness.IntervalOf("a"));
        Assert.Equal(new LiveInterval(Unused.Result, 2, 2, false), liveness.IntervalOf("u"));
        Assert.Equal(new LiveInterval(Second.Result, 3, 3, false), liveness.IntervalOf("b"));
    }

    [Fact]
    public void GraphOutputsLiveToTheEnd()
    {
        var liveness = Liveness.Analyze(Chain.WithOutputs(["a", "b"]), [Weights, First, Second, Unused]);
        Assert.Equal(3, liveness.IntervalOf("a").LastUse);
        Assert.Equal(3, liveness.IntervalOf("b").LastUse);
    }

    [Fact]
    public void LiveBytesLeaveConstantsOut()
    {
        var liveness = Liveness.Analyze(Chain);
        Assert.Equal([16L, 32, 48, 48], Enumerable.Range(0, 4).Select(liveness.LiveBytesAt));
        Assert.Equal([X, First.Result, Unused.Result], liveness.LiveAt(2).ToArray());
        Assert.Equal(48, liveness.PeakLiveBytes);
    }

    [Fact]
    public void AnotherScheduleChangesThePeak()
    {
        var liveness = Liveness.Analyze(Chain, [Unused, Weights, First, Second]);
        Assert.Equal([32L, 16, 32, 48], Enumerable.Range(0, 4).Select(liveness.LiveBytesAt));
    }

    [Fact]
    public void RejectsAScheduleThatUsesAValueBeforeDefiningIt() =>
        Assert.Throws<ArgumentException>(() => Liveness.Analyze(Chain, [Weights, Second, First, Unused]));

    [Fact]
    public void RejectsAScheduleMissingANode() =>
        Assert.Throws<ArgumentException>(() => Liveness.Analyze(Chain, [Weights, First, Second]));

    [Fact]
    public void AnEmptyScheduleHasNoStepsAndNoPeak()
    {
        var liveness = Liveness.Analyze(Graph([X], [], ["x"]));
        Assert.Equal(0, liveness.StepCount);
        Assert.Equal(0, liveness.PeakLiveBytes);
        Assert.Equal(new LiveInterval(X, 0, 0, false), liveness.IntervalOf("x"));
    }
}
