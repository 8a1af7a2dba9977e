using System.Collections.Frozen;

namespace MicroTvm.IR.Interpretation;

/// <summary>The one dispatch from op definition to kernel: every op of <see cref="Ops.All"/> has an entry.</summary>
internal static class KernelTable
{
    private static readonly FrozenDictionary<OpDefinition, KernelEntry> Entries = new Dictionary<OpDefinition, KernelEntry>
    {
        [Ops.Constant] = KernelEntry.Storage(ConversionKernels.Constant),
        [Ops.Conv] = KernelEntry.Real(ConvolutionKernels.Conv, ConvolutionKernels.Conv),
        [Ops.DepthwiseConv] = KernelEntry.Real(ConvolutionKernels.DepthwiseConv, ConvolutionKernels.DepthwiseConv),
        [Ops.ConvTranspose] = KernelEntry.Real(ConvolutionKernels.ConvTranspose, ConvolutionKernels.ConvTranspose),
        [Ops.FullyConnected] = KernelEntry.Real(LinearAlgebraKernels.FullyConnected, LinearAlgebraKernels.FullyConnected),
        [Ops.MatMul] = KernelEntry.Real(LinearAlgebraKernels.MatMul, LinearAlgebraKernels.MatMul),
        [Ops.BatchMatMul] = KernelEntry.Real(LinearAlgebraKernels.BatchMatMul, LinearAlgebraKernels.BatchMatMul),
        [Ops.Add] = KernelEntry.Real(ElementwiseKernels.Add, QuantizedArithmeticKernels.Add),
        [Ops.Sub] = KernelEntry.Real(ElementwiseKernels.Sub, QuantizedArithmeticKernels.Sub),
        [Ops.Mul] = KernelEntry.Real(ElementwiseKernels.Mul, QuantizedArithmeticKernels.Mul),
        [Ops.Div] = KernelEntry.Real(ElementwiseKernels.Div),
        [Ops.Maximum] = KernelEntry.Real(ElementwiseKernels.Maximum, QuantizedArithmeticKernels.Maximum),
        [Ops.Minimum] = KernelEntry.Real(ElementwiseKernels.Minimum, QuantizedArithmeticKernels.Minimum),
        [Ops.Relu] = KernelEntry.Real(ActivationKernels.Relu, QuantizedActivationKernels.Relu),
        [Ops.Relu6] = KernelEntry.Real(ActivationKernels.Relu6, QuantizedActivationKernels.Relu6),
        [Ops.Clip] = KernelEntry.Real(ActivationKernels.Clip, QuantizedActivationKernels.Clip),
        [Ops.LeakyRelu] = KernelEntry.Real(ActivationKernels.LeakyRelu, QuantizedActivationKernels.LeakyRelu),
        [Ops.Prelu] = KernelEntry.Real(ElementwiseKernels.Prelu, QuantizedActivationKernels.Prelu),
        [Ops.Sigmoid] = KernelEntry.Real(ActivationKernels.Sigmoid, QuantizedActivationKernels.Sigmoid),
        [Ops.HardSigmoid] = KernelEntry.Real(ActivationKernels.HardSigmoid),
        [Ops.Tanh] = KernelEntry.Real(ActivationKernels.Tanh, QuantizedActivationKernels.Tanh),
        [Ops.HardSwish] = KernelEntry.Real(ActivationKernels.HardSwish, QuantizedActivationKernels.HardSwish),
        [Ops.Exp] = KernelEntry.Real(ActivationKernels.Exp),
        [Ops.Log] = KernelEntry.Real(ActivationKernels.Log),
        [Ops.Sqrt] = KernelEntry.Real(ActivationKernels.Sqrt),
        [Ops.Rsqrt] = KernelEntry.Real(ActivationKernels.Rsqrt),
        [Ops.Abs] = KernelEntry.Real(ActivationKernels.Abs),
        [Ops.Neg] = KernelEntry.Real(ActivationKernels.Neg),
        [Ops.Softmax] = KernelEntry.Real(SoftmaxKernels.Softmax, SoftmaxKernels.QuantizedSoftmax),
        [Ops.LogSoftmax] = KernelEntry.Real(SoftmaxKernels.LogSoftmax),
        [Ops.MaxPool] = KernelEntry.Real(PoolingKernels.MaxPool, PoolingKernels.QuantizedMaxPool),
        [Ops.AvgPool] = KernelEntry.Real(PoolingKernels.AvgPool, PoolingKernels.QuantizedAvgPool),
        [Ops.GlobalAvgPool] = KernelEntry.Real(PoolingKernels.GlobalAvgPool, PoolingKernels.QuantizedGlobalAvgPool),
        [Ops.GlobalMaxPool] = KernelEntry.Real(PoolingKernels.GlobalMaxPool, PoolingKernels.QuantizedGlobalMaxPool),
        [Ops.Mean] = KernelEntry.Real(ReductionKernels.Mean, ReductionKernels.QuantizedMean),
        [Ops.Sum] = KernelEntry.Real(ReductionKernels.Sum, ReductionKernels.QuantizedSum),
        [Ops.ReduceMax] = KernelEntry.Real(ReductionKernels.ReduceMax, ReductionKernels.QuantizedReduceMax),
        [Ops.ReduceMin] = KernelEntry.Real(ReductionKernels.ReduceMin, ReductionKernels.QuantizedReduceMin),
        [Ops.Reshape] = KernelEntry.Storage(ShapeKernels.Reshape),
        [Ops.Transpose] = KernelEntry.Storage(ShapeKernels.Transpose),
        [Ops.Concat] = KernelEntry.Storage(ShapeKernels.Concat),
        [Ops.Split] = KernelEntry.Storage(ShapeKernels.Split),
        [Ops.Slice] = KernelEntry.Storage(ShapeKernels.Slice),
        [Ops.StridedSlice] = KernelEntry.Storage(ShapeKernels.StridedSlice),
        [Ops.Pad] = KernelEntry.Storage(ShapeKernels.Pad),
        [Ops.Squeeze] = KernelEntry.Storage(ShapeKernels.Reshape),
        [Ops.ExpandDims] = KernelEntry.Storage(ShapeKernels.Reshape),
        [Ops.Gather] = KernelEntry.Storage(ShapeKernels.Gather),
        [Ops.Cast] = KernelEntry.Storage(ConversionKernels.Cast),
        [Ops.Quantize] = KernelEntry.Storage(ConversionKernels.Quantize),
        [Ops.Dequantize] = KernelEntry.Storage(ConversionKernels.Dequantize),
        [Ops.Requantize] = KernelEntry.Storage(ConversionKernels.Requantize),
        [Ops.BatchNorm] = KernelEntry.Real(NormalizationKernels.BatchNorm),
        [Ops.UnidirectionalSequenceLstm] = KernelEntry.Real(LstmKernel.Lstm, LstmIntegerKernel.Lstm),
        [Ops.Call] = KernelEntry.Storage(CallKernel.Call),
        [Ops.KernelCall] = KernelEntry.Storage(KernelCallKernel.KernelCall),
    }.ToFrozenDictionary();

    public static bool TryGet(OpDefinition op, out KernelEntry entry) => Entries.TryGetValue(op, out entry!);
}
