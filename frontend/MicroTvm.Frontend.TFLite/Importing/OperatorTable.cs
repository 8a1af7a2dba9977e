using System.Collections.Frozen;
using MicroTvm.Frontend.TFLite.Importing.Operators;
using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>The builtin operators this frontend imports, each with its importer.</summary>
internal static class OperatorTable
{
    private static readonly FrozenDictionary<BuiltinOperator, Action<OperatorContext>> Importers = new Dictionary<BuiltinOperator, Action<OperatorContext>>
    {
        [BuiltinOperator.CONV_2D] = ConvolutionImporters.Conv2D,
        [BuiltinOperator.DEPTHWISE_CONV_2D] = ConvolutionImporters.DepthwiseConv2D,
        [BuiltinOperator.TRANSPOSE_CONV] = ConvolutionImporters.TransposeConv,
        [BuiltinOperator.CONV_3D] = ConvolutionImporters.Conv3D,
        [BuiltinOperator.FULLY_CONNECTED] = LinearAlgebraImporters.FullyConnected,
        [BuiltinOperator.BATCH_MATMUL] = LinearAlgebraImporters.BatchMatMul,
        [BuiltinOperator.ADD] = ElementwiseImporters.Binary(Ops.Add, BuiltinOptionsType.AddOptions),
        [BuiltinOperator.SUB] = ElementwiseImporters.Binary(Ops.Sub, BuiltinOptionsType.SubOptions),
        [BuiltinOperator.MUL] = ElementwiseImporters.Binary(Ops.Mul, BuiltinOptionsType.MulOptions),
        [BuiltinOperator.DIV] = ElementwiseImporters.Binary(Ops.Div, BuiltinOptionsType.DivOptions),
        [BuiltinOperator.MAXIMUM] = ElementwiseImporters.Binary(Ops.Maximum, null),
        [BuiltinOperator.MINIMUM] = ElementwiseImporters.Binary(Ops.Minimum, null),
        [BuiltinOperator.PRELU] = ElementwiseImporters.Binary(Ops.Prelu, null),
        [BuiltinOperator.RELU] = ElementwiseImporters.Unary(Ops.Relu),
        [BuiltinOperator.RELU6] = ElementwiseImporters.Unary(Ops.Relu6),
        [BuiltinOperator.RELU_N1_TO_1] = ElementwiseImporters.Clip(-1, 1),
        [BuiltinOperator.RELU_0_TO_1] = ElementwiseImporters.Clip(0, 1),
        [BuiltinOperator.LEAKY_RELU] = ElementwiseImporters.LeakyRelu,
        [BuiltinOperator.LOGISTIC] = ElementwiseImporters.Unary(Ops.Sigmoid),
        [BuiltinOperator.TANH] = ElementwiseImporters.Unary(Ops.Tanh),
        [BuiltinOperator.HARD_SWISH] = ElementwiseImporters.Unary(Ops.HardSwish),
        [BuiltinOperator.EXP] = ElementwiseImporters.Unary(Ops.Exp),
        [BuiltinOperator.LOG] = ElementwiseImporters.Unary(Ops.Log),
        [BuiltinOperator.SQRT] = ElementwiseImporters.Unary(Ops.Sqrt),
        [BuiltinOperator.RSQRT] = ElementwiseImporters.Unary(Ops.Rsqrt),
        [BuiltinOperator.ABS] = ElementwiseImporters.Unary(Ops.Abs),
        [BuiltinOperator.NEG] = ElementwiseImporters.Unary(Ops.Neg),
        [BuiltinOperator.SOFTMAX] = ElementwiseImporters.Softmax,
        [BuiltinOperator.LOG_SOFTMAX] = ElementwiseImporters.Unary(Ops.LogSoftmax),
        [BuiltinOperator.MAX_POOL_2D] = PoolingImporters.Pool(Ops.MaxPool),
        [BuiltinOperator.AVERAGE_POOL_2D] = PoolingImporters.Pool(Ops.AvgPool),
        [BuiltinOperator.MEAN] = PoolingImporters.Reduce(Ops.Mean),
        [BuiltinOperator.SUM] = PoolingImporters.Reduce(Ops.Sum),
        [BuiltinOperator.REDUCE_MAX] = PoolingImporters.Reduce(Ops.ReduceMax),
        [BuiltinOperator.REDUCE_MIN] = PoolingImporters.Reduce(Ops.ReduceMin),
        [BuiltinOperator.RESHAPE] = ShapeImporters.Reshape,
        [BuiltinOperator.SQUEEZE] = ShapeImporters.Squeeze,
        [BuiltinOperator.EXPAND_DIMS] = ShapeImporters.ExpandDims,
        [BuiltinOperator.TRANSPOSE] = ShapeImporters.Transpose,
        [BuiltinOperator.CONCATENATION] = ShapeImporters.Concatenation,
        [BuiltinOperator.SPLIT] = ShapeImporters.Split,
        [BuiltinOperator.SPLIT_V] = ShapeImporters.SplitV,
        [BuiltinOperator.GATHER] = ShapeImporters.Gather,
        [BuiltinOperator.SLICE] = SliceImporters.Slice,
        [BuiltinOperator.STRIDED_SLICE] = SliceImporters.StridedSlice,
        [BuiltinOperator.PAD] = SliceImporters.Pad,
        [BuiltinOperator.PADV2] = SliceImporters.PadV2,
        [BuiltinOperator.MIRROR_PAD] = SliceImporters.MirrorPad,
        [BuiltinOperator.CAST] = ConversionImporters.Cast,
        [BuiltinOperator.QUANTIZE] = ConversionImporters.Quantize,
        [BuiltinOperator.DEQUANTIZE] = ConversionImporters.Dequantize,
        [BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM] = RecurrentImporters.UnidirectionalSequenceLstm,
    }.ToFrozenDictionary();

    public static bool TryGet(BuiltinOperator op, out Action<OperatorContext> importer) =>
        Importers.TryGetValue(op, out importer!);
}
