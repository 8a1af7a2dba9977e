using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class ShapeInterpreterTests
{
    private static readonly TensorData Matrix = Floats(F32(2, 3), 0, 1, 2, 3, 4, 5);

    [Fact]
    public void ReshapeSqueezeAndExpandDimsKeepTheOrder()
    {
        Close([0, 1, 2, 3, 4, 5], RunFloats(Ops.Reshape, [Matrix], F32(3, 2), ("shape", Ints(3, 2))));
        Close([0, 1, 2], RunFloats(Ops.Squeeze, [Floats(F32(1, 3), 0, 1, 2)], F32(3)));
        Close([0, 1, 2], RunFloats(Ops.ExpandDims, [Floats(F32(3), 0, 1, 2)], F32(3, 1), ("axis", Int(1))));
    }

    [Fact]
    public void TransposeConcatSplit()
    {
        Close([0, 3, 1, 4, 2, 5], RunFloats(Ops.Transpose, [Matrix], F32(3, 2), ("perm", Ints(1, 0))));
        Close([0, 1, 2, 9, 3, 4, 5, 9], RunFloats(Ops.Concat, [Matrix, Floats(F32(2, 1), 9, 9)], F32(2, 4), ("axis", Int(1))));
        var parts = RunMany(Ops.Split, [Matrix], [F32(2, 1), F32(2, 2)], ("axis", Int(1)), ("sizes", Ints(1, 2)));
        Close([0, 3], parts[0].ToSingles());
        Close([1, 2, 4, 5], parts[1].ToSingles());
    }

    [Fact]
    public void SlicesWithNormalisedBounds()
    {
        Close([4, 5], RunFloats(Ops.Slice, [Matrix], F32(1, 2), ("begins", Ints(1, 1)), ("sizes", Ints(1, 2))));
        Close([2, 0], RunFloats(Ops.StridedSlice, [Matrix], F32(1, 2), ("begins", Ints(0, 2)), ("ends", Ints(1, -1)), ("strides", Ints(1, -2))));
        Close([3, 5], RunFloats(Ops.StridedSlice, [Matrix], F32(2), ("begins", Ints(1, 0)), ("ends", Ints(2, 3)), ("strides", Ints(1, 2)), ("shrink_axes", Ints(0))));
    }

    [Theory]
    [InlineData("constant", new float[] { 7, 1, 2, 3, 7, 7 })]
    [InlineData("reflect", new float[] { 2, 1, 2, 3, 2, 1 })]
    [InlineData("edge", new float[] { 1, 1, 2, 3, 3, 3 })]
    public void PadModes(string mode, float[] expected) =>
        Close(expected, RunFloats(Ops.Pad, [Floats(F32(3), 1, 2, 3)], F32(6), ("pads", Ints(1, 2)), ("mode", Str(mode)), ("constant_value", Float(7))));

    [Fact]
    public void GatherWithNegativeIndicesAndBatchDims()
    {
        var indices = Ints(new TensorType(ElementType.I64, [2]), 2, -3);
        Close([2, 0, 5, 3], RunFloats(Ops.Gather, [Matrix, indices], F32(2, 2), ("axis", Int(1))));
        Close([3, 4, 5, 0, 1, 2], RunFloats(Ops.Gather, [Matrix, Ints(new TensorType(ElementType.I32, [2]), 1, 0)], F32(2, 3)));
        var batched = Ints(new TensorType(ElementType.I32, [2, 1]), 2, 0);
        Close([2, 3], RunFloats(Ops.Gather, [Matrix, batched], F32(2, 1), ("axis", Int(1)), ("batch_dims", Int(1))));
    }

    [Fact]
    public void CastTruncatesSaturatesAndWraps()
    {
        var i8 = new TensorType(ElementType.I8, [4]);
        Assert.Equal([-1L, 1, 127, -128], RunInts(Ops.Cast, [Floats(F32(4), -1.9f, 1.9f, 300, -1e9f)], i8));
        Assert.Equal([44L, 1], RunInts(Ops.Cast, [Ints(new TensorType(ElementType.I32, [2]), 300, 1)], new TensorType(ElementType.U8, [2])));
        Assert.Equal([1L, 0], RunInts(Ops.Cast, [Floats(F32(2), 0.5f, 0)], new TensorType(ElementType.Bool, [2])));
        Close([-3, 200], RunFloats(Ops.Cast, [Ints(new TensorType(ElementType.I16, [2]), -3, 200)], F32(2)));
    }
}
