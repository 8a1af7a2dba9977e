using System.Collections.Frozen;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.Lowering;

/// <summary>The lowering library's one dispatch: op → element rule, or op → root rule for whole-row ops. Ops in neither are reported as not lowered.</summary>
internal static class OpRules
{
    public static FrozenDictionary<OpDefinition, ElementRule> Elements { get; } = new Dictionary<OpDefinition, ElementRule>
    {
        [Ops.Conv] = ConvolutionLowering.Conv,
        [Ops.DepthwiseConv] = ConvolutionLowering.DepthwiseConv,
        [Ops.FullyConnected] = LinearAlgebraLowering.FullyConnected,
        [Ops.Add] = ElementwiseLowering.Binary(BinaryOp.Add),
        [Ops.Sub] = ElementwiseLowering.Binary(BinaryOp.Sub),
        [Ops.Mul] = ElementwiseLowering.Binary(BinaryOp.Mul),
        [Ops.Div] = ElementwiseLowering.Binary(BinaryOp.Div),
        [Ops.Maximum] = ElementwiseLowering.Binary(BinaryOp.Max),
        [Ops.Minimum] = ElementwiseLowering.Binary(BinaryOp.Min),
        [Ops.Relu] = ElementwiseLowering.Unary,
        [Ops.Relu6] = ElementwiseLowering.Unary,
        [Ops.Clip] = ElementwiseLowering.Unary,
        [Ops.LeakyRelu] = ElementwiseLowering.Unary,
        [Ops.Sigmoid] = ElementwiseLowering.Unary,
        [Ops.Tanh] = ElementwiseLowering.Unary,
        [Ops.HardSwish] = ElementwiseLowering.Unary,
        [Ops.Exp] = ElementwiseLowering.Unary,
        [Ops.Log] = ElementwiseLowering.Unary,
        [Ops.Sqrt] = ElementwiseLowering.Unary,
        [Ops.Rsqrt] = ElementwiseLowering.Unary,
        [Ops.Abs] = ElementwiseLowering.Unary,
        [Ops.Neg] = ElementwiseLowering.Unary,
        [Ops.MaxPool] = PoolingLowering.MaxPool,
        [Ops.AvgPool] = PoolingLowering.AvgPool,
        [Ops.GlobalMaxPool] = PoolingLowering.GlobalMaxPool,
        [Ops.GlobalAvgPool] = PoolingLowering.GlobalAvgPool,
        [Ops.Mean] = ReductionLowering.Mean,
        [Ops.Sum] = ReductionLowering.Sum,
        [Ops.ReduceMax] = ReductionLowering.ReduceMax,
        [Ops.ReduceMin] = ReductionLowering.ReduceMin,
        [Ops.Reshape] = ShapeLowering.Reshape,
        [Ops.Squeeze] = ShapeLowering.Reshape,
        [Ops.ExpandDims] = ShapeLowering.Reshape,
        [Ops.Transpose] = ShapeLowering.Transpose,
        [Ops.Slice] = ShapeLowering.Slice,
        [Ops.StridedSlice] = ShapeLowering.StridedSlice,
        [Ops.Concat] = ShapeLowering.Concat,
        [Ops.Pad] = ShapeLowering.Pad,
        [Ops.Gather] = ShapeLowering.Gather,
        [Ops.Cast] = ConversionLowering.Cast,
        [Ops.Quantize] = ConversionLowering.Quantize,
        [Ops.Dequantize] = ConversionLowering.Dequantize,
        [Ops.Requantize] = ConversionLowering.Requantize,
    }.ToFrozenDictionary();

    public static FrozenDictionary<OpDefinition, RootRule> Roots { get; } = new Dictionary<OpDefinition, RootRule>
    {
        [Ops.Softmax] = SoftmaxLowering.Softmax,
        [Ops.UnidirectionalSequenceLstm] = LstmLowering.Lstm,
    }.ToFrozenDictionary();
}
