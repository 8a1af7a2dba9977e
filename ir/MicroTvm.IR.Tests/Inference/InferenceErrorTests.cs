using MicroTvm.IR;
using static MicroTvm.IR.Tests.Support.NodeFactory;
using static MicroTvm.IR.Tests.Support.Types;

namespace MicroTvm.IR.Tests.Inference;

public sealed class InferenceErrorTests
{
    [Fact]
    public void ConvGroupsMustDivideBothChannelCounts() =>
        Assert.Equal(
            "groups 3 must divide both input channels 4 and output channels 6",
            Inference.Error(Ops.Conv, [F32(1, 8, 8, 4), F32(6, 3, 3, 2)], [("groups", Int(3))]));

    [Fact]
    public void ConvFilterChannelsMustMatchTheGroupWidth() =>
        Assert.Equal(
            "filter has 4 input channels, expected 2 (input channels 4 / groups 2)",
            Inference.Error(Ops.Conv, [F32(1, 8, 8, 4), F32(6, 3, 3, 4)], [("groups", Int(2))]));

    [Fact]
    public void ConvBiasNeedsOneValuePerOutputChannel() =>
        Assert.Equal(
            "bias has 3 elements, expected 4 (one per output channel)",
            Inference.Error(Ops.Conv, [F32(1, 8, 8, 3), F32(4, 3, 3, 3), F32(3)]));

    [Fact]
    public void DepthwiseFilterMustHaveChannelsTimesMultiplier() =>
        Assert.Equal(
            "depthwise filter must be [1, kernel…, 4] (channels 2 × multiplier 2), but is [1, 3, 3, 3]",
            Inference.Error(Ops.DepthwiseConv, [F32(1, 5, 5, 2), F32(1, 3, 3, 3)], [("depth_multiplier", Int(2))]));

    [Fact]
    public void PadsNeedABeginAndAnEndPerSpatialDimension() =>
        Assert.Equal(
            "pads has 2 values, expected 4 (begins, then ends)",
            Inference.Error(Ops.Conv, [F32(1, 8, 8, 3), F32(4, 3, 3, 3)], [("pads", Ints(1, 1))]));

    [Fact]
    public void StridesNeedOneValuePerSpatialDimension() =>
        Assert.Equal(
            "strides has 3 values, expected 2 (one per spatial dimension)",
            Inference.Error(Ops.MaxPool, [F32(1, 8, 8, 3)], [("kernel", Ints(2, 2)), ("strides", Ints(1, 1, 1))]));

    [Fact]
    public void ConvTransposeRejectsPaddingLargerThanTheOutput() =>
        Assert.Equal(
            "spatial dimension 0 would have extent -2: the padding exceeds the output",
            Inference.Error(Ops.ConvTranspose, [F32(1, 1, 1, 2), F32(3, 1, 1, 2)], [("pads", Ints(2, 0, 1, 0))]));

    [Fact]
    public void ConvTransposeReportsABadWindowOnce() =>
        Assert.Equal(
            "pads has 1 values, expected 4 (begins, then ends)",
            Inference.Error(Ops.ConvTranspose, [F32(1, 4, 4, 2), F32(3, 3, 3, 2)], [("pads", Ints(1))]));

    [Fact]
    public void BroadcastRejectsMismatchedDimensions() =>
        Assert.Equal(
            "shapes [2, 3] and [2, 4] do not broadcast (dimension 1: 3 vs 4)",
            Inference.Error(Ops.Mul, [F32(2, 3), F32(2, 4)]));

    [Fact]
    public void BinaryOpsNeedOneElementType() =>
        Assert.Equal("operand element types differ: f32 and i32", Inference.Error(Ops.Add, [F32(2), Of(ElementType.I32, 2)]));

    [Fact]
    public void ReshapeKeepsTheElementCount() =>
        Assert.Equal(
            "cannot reshape 24 elements [2, 3, 4] to [5, 5] (25 elements)",
            Inference.Error(Ops.Reshape, [F32(2, 3, 4)], [("shape", Ints(5, 5))]));

    [Fact]
    public void StridedSliceBoundsMustBeNormalised() =>
        Assert.Equal(
            "dimension 0: begin 11, end 4, stride 1 are not normalised for extent 10",
            Inference.Error(Ops.StridedSlice, [F32(10)], [("begins", Ints(11)), ("ends", Ints(4)), ("strides", Ints(1))]));

    [Fact]
    public void StridedSliceWithANegativeStrideCannotBeginPastTheLastElement() =>
        Assert.Equal(
            "dimension 0: begin 10, end -1, stride -1 are not normalised for extent 10",
            Inference.Error(Ops.StridedSlice, [F32(10)], [("begins", Ints(10)), ("ends", Ints(-1)), ("strides", Ints(-1))]));

    [Fact]
    public void StridedSliceShrinksOnlySingleElements() =>
        Assert.Equal(
            "dimension 0 is shrunk but the slice keeps 2 elements",
            Inference.Error(Ops.StridedSlice, [F32(10)], [("begins", Ints(0)), ("ends", Ints(2)), ("strides", Ints(1)), ("shrink_axes", Ints(0))]));

    [Fact]
    public void StridedSliceShrinkAxesMustExist() =>
        Assert.Equal(
            "shrink_axes [3] must name dimensions of rank 1",
            Inference.Error(Ops.StridedSlice, [F32(10)], [("begins", Ints(0)), ("ends", Ints(1)), ("strides", Ints(1)), ("shrink_axes", Ints(3))]));

    [Fact]
    public void GatherIndicesMustBeIntegers() =>
        Assert.Equal("indices must be i32 or i64, not f32", Inference.Error(Ops.Gather, [F32(5, 4), F32(2)]));

    [Fact]
    public void GatherBatchDimensionsMustAgree() =>
        Assert.Equal(
            "batch dimension 0 differs: data [2, 4, 3], indices [3, 5]",
            Inference.Error(Ops.Gather, [F32(2, 4, 3), Of(ElementType.I32, 3, 5)], [("axis", Int(1)), ("batch_dims", Int(1))]));

    [Fact]
    public void GatherAxisMustBeInRange() =>
        Assert.Equal("axis 2 is out of range for rank 2", Inference.Error(Ops.Gather, [F32(5, 4), Of(ElementType.I32, 2)], [("axis", Int(2))]));

    [Fact]
    public void SplitSizesMustAddUpToTheExtent() =>
        Assert.Equal(
            "split sizes [2, 3] must be non-negative and add up to 6",
            Inference.Error(Ops.Split, [F32(2, 6)], [("axis", Int(1)), ("sizes", Ints(2, 3))]));

    [Fact]
    public void MatMulInnerDimensionsMustAgree() =>
        Assert.Equal("inner dimensions differ: [3, 4] × [5, 6] (4 vs 5)", Inference.Error(Ops.MatMul, [F32(3, 4), F32(5, 6)]));

    [Fact]
    public void BatchMatMulWithoutAdjointsMultipliesLastByFirst() =>
        Assert.Equal(
            "inner dimensions differ: [2, 4, 3] × [2, 4, 5] (3 vs 4)",
            Inference.Error(Ops.BatchMatMul, [F32(2, 4, 3), F32(2, 4, 5)]));

    [Fact]
    public void FullyConnectedNeedsAnInputOfRankOneOrMore() =>
        Assert.Equal(
            $"input must have rank 1 to {int.MaxValue}, but has rank 0",
            Inference.Error(Ops.FullyConnected, [F32(), F32(5, 4)]));

    [Fact]
    public void FullyConnectedRowsMustMatchTheDepth() =>
        Assert.Equal(
            "input [2, 3] does not split into rows of the weights' depth 4",
            Inference.Error(Ops.FullyConnected, [F32(2, 3), F32(5, 4)]));

    [Fact]
    public void LstmWeightsMustMatchTheInputFeatures()
    {
        var operands = InferenceCases.Lstm(projection: false);
        operands[3] = F32(4, 5);
        Assert.Equal(
            "input_to_cell_weights is [4, 5], expected [4, 3]",
            Inference.Error(Ops.UnidirectionalSequenceLstm, operands));
    }

    [Fact]
    public void LstmStatesMustMatchTheBatch()
    {
        var operands = InferenceCases.Lstm(projection: false);
        operands[19] = F32(3, 4);
        Assert.Equal("cell_state is [3, 4], expected [2, 4]", Inference.Error(Ops.UnidirectionalSequenceLstm, operands));
    }

    [Fact]
    public void LstmWithoutProjectionOutputsOnePerCell()
    {
        var operands = InferenceCases.Lstm(projection: true);
        operands[16] = null;
        Assert.Equal(
            "without projection the output size 6 must equal the cell count 4",
            Inference.Error(Ops.UnidirectionalSequenceLstm, operands));
    }

    [Fact]
    public void LstmInputIsRankThree() =>
        Assert.Equal(
            "input must have rank 3, but has rank 2",
            Inference.Error(Ops.UnidirectionalSequenceLstm, [.. InferenceCases.Lstm(projection: false).Select((t, i) => i == 0 ? F32(2, 3) : t)]));

    [Fact]
    public void QuantizeNeedsAQuantizedResult() =>
        Assert.Equal("quantize must produce a quantized integer type", Inference.Error(Ops.Quantize, [F32(4)], declared: [Of(ElementType.I8)]));

    [Fact]
    public void TransposeNeedsAPermutation() =>
        Assert.Equal("perm [0, 0] is not a permutation of rank 2", Inference.Error(Ops.Transpose, [F32(2, 3)], [("perm", Ints(0, 0))]));

    [Fact]
    public void TransposeMovesThePerAxisQuantization()
    {
        var input = new TensorType(ElementType.I8, [2, 3], Quantization.PerAxis([1f, 2f, 3f], [0, 0, 0], 1));
        var result = Assert.Single(Inference.Types(Ops.Transpose, [input], [("perm", Ints(1, 0))]));
        Assert.Equal(0, result.Quantization!.Axis);
    }

    [Fact]
    public void PadNeedsTwoValuesPerDimension() =>
        Assert.Equal(
            "pads needs 4 non-negative values (begins, then ends), got [1, 1]",
            Inference.Error(Ops.Pad, [F32(2, 3)], [("pads", Ints(1, 1))]));

    [Fact]
    public void ConcatOperandsMustAgreeOutsideTheAxis() =>
        Assert.Equal(
            "operand 1 [3, 5] does not match [2, 3] outside axis 1",
            Inference.Error(Ops.Concat, [F32(2, 3), F32(3, 5)], [("axis", Int(1))]));

    [Fact]
    public void BatchNormParametersArePerChannel() =>
        Assert.Equal(
            "variance has 4 elements, expected 3 (channels are last)",
            Inference.Error(Ops.BatchNorm, [F32(1, 2, 3), F32(3), F32(3), F32(3), F32(4)]));
}
