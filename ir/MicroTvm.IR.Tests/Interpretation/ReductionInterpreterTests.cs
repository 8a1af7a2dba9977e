using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class ReductionInterpreterTests
{
    private static readonly TensorData Matrix = Floats(F32(2, 3), 1, 5, 3, 4, 2, 6);

    [Fact]
    public void ReduceOverAnAxisWithAndWithoutKeepdims()
    {
        Close([3, 4], RunFloats(Ops.Mean, [Matrix], F32(2, 1), ("axes", Ints(1))));
        Close([5, 7, 9], RunFloats(Ops.Sum, [Matrix], F32(3), ("axes", Ints(0)), ("keepdims", Bool(false))));
        Close([5, 6], RunFloats(Ops.ReduceMax, [Matrix], F32(2), ("axes", Ints(-1)), ("keepdims", Bool(false))));
        Close([1, 2, 3], RunFloats(Ops.ReduceMin, [Matrix], F32(1, 3), ("axes", Ints(0))));
    }

    [Fact]
    public void EmptyAxesReduceEverything() =>
        Close([21], RunFloats(Ops.Sum, [Matrix], F32(1, 1)));
}
