namespace MicroTvm.IR;

/// <summary>
/// The op catalog: every op the IR knows, declared once. Layouts are NHWC (channels last);
/// spatial ops accept 1, 2 or 3 spatial dimensions (rank 3 to 5). An op is quantized when its
/// tensors' types are: the same <c>conv</c> is float, int8, uint8 or int16x8 depending on them.
/// </summary>
public static class Ops
{
    private static readonly string[] PadModes = ["constant", "reflect", "edge"];
    private static readonly string[] Roundings = ["tflite", "half_even"];
    private const string RoundingDescription = "requantization rounding: TFLite fixed-point multipliers with ties away from zero, or ONNX float requantization with ties to even";

    public static readonly OpDefinition Constant = new OpBuilder("constant", PatternKind.Opaque, "a constant tensor (weights, biases, shapes)")
        .Tensor("value", "the contents").Build(ConversionInference.Constant);

    public static readonly OpDefinition Conv = new OpBuilder("conv", PatternKind.OutElementwiseFusable, "N-d convolution; filter [Cout, kernel…, Cin/groups]")
        .Operand("input").Operand("filter").Optional("bias").Window()
        .Int("groups", 1, "number of channel groups").FusedActivation()
        .Enum("rounding", "tflite", Roundings, RoundingDescription).Build(ConvolutionInference.Conv);

    public static readonly OpDefinition DepthwiseConv = new OpBuilder("depthwise_conv", PatternKind.OutElementwiseFusable, "N-d depthwise convolution; filter [1, kernel…, C·multiplier]")
        .Operand("input").Operand("filter").Optional("bias").Window()
        .Int("depth_multiplier", 1, "output channels per input channel").FusedActivation()
        .Enum("rounding", "tflite", Roundings, RoundingDescription).Build(ConvolutionInference.DepthwiseConv);

    public static readonly OpDefinition ConvTranspose = new OpBuilder("conv_transpose", PatternKind.OutElementwiseFusable, "N-d transposed convolution; filter [Cout, kernel…, Cin]")
        .Operand("input").Operand("filter").Optional("bias").Window()
        .Ints("output_padding", [], "extra extent added at the end of each spatial dimension").FusedActivation()
        .Build(ConvolutionInference.ConvTranspose);

    public static readonly OpDefinition FullyConnected = new OpBuilder("fully_connected", PatternKind.OutElementwiseFusable, "input [B, K] × weights [N, K]ᵀ + bias")
        .Operand("input").Operand("weights").Optional("bias")
        .Bool("keep_num_dims", false, "keep the input's leading dimensions instead of flattening them").FusedActivation()
        .Enum("rounding", "tflite", Roundings, RoundingDescription).Build(LinearAlgebraInference.FullyConnected);

    public static readonly OpDefinition MatMul = new OpBuilder("matmul", PatternKind.OutElementwiseFusable, "matrix product with NumPy broadcasting")
        .Operand("a").Operand("b").Enum("rounding", "tflite", Roundings, RoundingDescription).Build(LinearAlgebraInference.MatMul);

    public static readonly OpDefinition BatchMatMul = new OpBuilder("batch_matmul", PatternKind.OutElementwiseFusable, "batched matrix product with optional adjoints")
        .Operand("a").Operand("b").Bool("adj_x", false, "transpose the last two dimensions of a")
        .Bool("adj_y", false, "transpose the last two dimensions of b").Build(LinearAlgebraInference.BatchMatMul);

    public static readonly OpDefinition Add = Binary("add", "lhs + rhs");
    public static readonly OpDefinition Sub = Binary("sub", "lhs - rhs");
    public static readonly OpDefinition Mul = Binary("mul", "lhs × rhs");
    public static readonly OpDefinition Div = Binary("div", "lhs / rhs");
    public static readonly OpDefinition Maximum = Binary("maximum", "elementwise maximum");
    public static readonly OpDefinition Minimum = Binary("minimum", "elementwise minimum");

    public static readonly OpDefinition Relu = Unary("relu", "max(x, 0)");
    public static readonly OpDefinition Relu6 = Unary("relu6", "min(max(x, 0), 6)");

    public static readonly OpDefinition Clip = new OpBuilder("clip", PatternKind.Elementwise, "min(max(x, min), max)")
        .Operand("input").Float("min", double.NegativeInfinity, "lower bound (real value)")
        .Float("max", double.PositiveInfinity, "upper bound (real value)").Build(ElementwiseInference.Unary);

    public static readonly OpDefinition LeakyRelu = new OpBuilder("leaky_relu", PatternKind.Elementwise, "x if x ≥ 0 else alpha·x")
        .Operand("input").Float("alpha", 0.01, "slope for negative inputs").Build(ElementwiseInference.Unary);

    public static readonly OpDefinition Prelu = new OpBuilder("prelu", PatternKind.Broadcast, "x if x ≥ 0 else slope·x, slope broadcast to x")
        .Operand("input").Operand("slope").Build(ElementwiseInference.Prelu);

    public static readonly OpDefinition Sigmoid = Unary("sigmoid", "1 / (1 + e^-x)");

    public static readonly OpDefinition HardSigmoid = new OpBuilder("hard_sigmoid", PatternKind.Elementwise, "max(0, min(1, alpha·x + beta))")
        .Operand("input").Float("alpha", 0.2, "slope").Float("beta", 0.5, "offset").Build(ElementwiseInference.Unary);

    public static readonly OpDefinition Tanh = Unary("tanh", "hyperbolic tangent");
    public static readonly OpDefinition HardSwish = Unary("hard_swish", "x · relu6(x + 3) / 6");
    public static readonly OpDefinition Exp = Unary("exp", "e^x");
    public static readonly OpDefinition Log = Unary("log", "natural logarithm");
    public static readonly OpDefinition Sqrt = Unary("sqrt", "square root");
    public static readonly OpDefinition Rsqrt = Unary("rsqrt", "1 / sqrt(x)");
    public static readonly OpDefinition Abs = Unary("abs", "|x|");
    public static readonly OpDefinition Neg = Unary("neg", "-x");

    public static readonly OpDefinition Softmax = new OpBuilder("softmax", PatternKind.Opaque, "e^(beta·x) normalised along an axis")
        .Operand("input").Int("axis", -1, "the normalised axis").Float("beta", 1.0, "input scale").Build(ElementwiseInference.Softmax);

    public static readonly OpDefinition LogSoftmax = new OpBuilder("log_softmax", PatternKind.Opaque, "log of softmax along an axis")
        .Operand("input").Int("axis", -1, "the normalised axis").Build(ElementwiseInference.Softmax);

    public static readonly OpDefinition MaxPool = Pool("max_pool", "maximum over each window");
    public static readonly OpDefinition AvgPool = Pool("avg_pool", "mean over each window");

    public static readonly OpDefinition GlobalAvgPool = new OpBuilder("global_avg_pool", PatternKind.CommutativeReduce, "mean over all spatial dimensions, kept as 1")
        .Operand("input").Build(PoolingInference.GlobalPool);

    public static readonly OpDefinition GlobalMaxPool = new OpBuilder("global_max_pool", PatternKind.CommutativeReduce, "maximum over all spatial dimensions, kept as 1")
        .Operand("input").Build(PoolingInference.GlobalPool);

    public static readonly OpDefinition Mean = Reduction("mean", "mean over axes");
    public static readonly OpDefinition Sum = Reduction("sum", "sum over axes");
    public static readonly OpDefinition ReduceMax = Reduction("reduce_max", "maximum over axes");
    public static readonly OpDefinition ReduceMin = Reduction("reduce_min", "minimum over axes");

    public static readonly OpDefinition Reshape = new OpBuilder("reshape", PatternKind.Injective, "same elements, new static shape")
        .Operand("input").Ints("shape", null, "the new shape, fully static").Build(ShapeInference.Reshape);

    public static readonly OpDefinition Transpose = new OpBuilder("transpose", PatternKind.Injective, "permute dimensions: out.shape[i] = in.shape[perm[i]]")
        .Operand("input").Ints("perm", null, "the permutation").Build(ShapeInference.Transpose);

    public static readonly OpDefinition Concat = new OpBuilder("concat", PatternKind.Injective, "join operands along an axis")
        .Variadic("inputs").Int("axis", null, "the joined axis").Build(ShapeInference.Concat);

    public static readonly OpDefinition Split = new OpBuilder("split", PatternKind.Injective, "cut along an axis into one result per size")
        .Operand("input").Int("axis", null, "the cut axis").Ints("sizes", null, "extent of each result along the axis").Build(ShapeInference.Split);

    public static readonly OpDefinition Slice = new OpBuilder("slice", PatternKind.Injective, "a contiguous box: begins and sizes per dimension")
        .Operand("input").Ints("begins", null, "first index per dimension").Ints("sizes", null, "extent per dimension").Build(ShapeInference.Slice);

    public static readonly OpDefinition StridedSlice = new OpBuilder("strided_slice", PatternKind.Injective, "a strided box with normalised, exclusive ends")
        .Operand("input").Ints("begins", null, "first index per dimension, in [0, extent]")
        .Ints("ends", null, "exclusive end per dimension, in [-1, extent]").Ints("strides", null, "non-zero step per dimension")
        .Ints("shrink_axes", [], "dimensions (of extent 1 after slicing) removed from the result").Build(ShapeInference.StridedSlice);

    public static readonly OpDefinition Pad = new OpBuilder("pad", PatternKind.Injective, "pad every dimension")
        .Operand("input").Ints("pads", null, "begins of every dimension, then ends")
        .Enum("mode", "constant", PadModes, "how padded elements are filled")
        .Float("constant_value", 0.0, "fill value in the storage domain (the raw quantized value for integer tensors)")
        .Build(ShapeInference.Pad);

    public static readonly OpDefinition Squeeze = new OpBuilder("squeeze", PatternKind.Injective, "remove dimensions of extent 1")
        .Operand("input").Ints("axes", [], "dimensions to remove; empty removes every extent-1 dimension").Build(ShapeInference.Squeeze);

    public static readonly OpDefinition ExpandDims = new OpBuilder("expand_dims", PatternKind.Injective, "insert a dimension of extent 1")
        .Operand("input").Int("axis", null, "position of the new dimension in the result").Build(ShapeInference.ExpandDims);

    public static readonly OpDefinition Gather = new OpBuilder("gather", PatternKind.Injective, "take slices along an axis by index")
        .Operand("data").Operand("indices").Int("axis", 0, "the indexed axis of data")
        .Int("batch_dims", 0, "leading dimensions shared by data and indices").Build(ShapeInference.Gather);

    public static readonly OpDefinition Cast = new OpBuilder("cast", PatternKind.Elementwise, "convert element type (value conversion, saturating for floats to integers)")
        .Operand("input").Build(ConversionInference.Converting(ConversionInference.Cast));

    public static readonly OpDefinition Quantize = new OpBuilder("quantize", PatternKind.Elementwise, "f32 to the declared quantized type")
        .Operand("input").Enum("rounding", "tflite", Roundings, RoundingDescription).Build(ConversionInference.Converting(ConversionInference.Quantize));

    public static readonly OpDefinition Dequantize = new OpBuilder("dequantize", PatternKind.Elementwise, "a quantized tensor to f32")
        .Operand("input").Build(ConversionInference.Converting(ConversionInference.Dequantize));

    public static readonly OpDefinition Requantize = new OpBuilder("requantize", PatternKind.Elementwise, "re-express a quantized tensor with new scale and zero point")
        .Operand("input").Enum("rounding", "tflite", Roundings, RoundingDescription).Build(ConversionInference.Converting(ConversionInference.Requantize));

    public static readonly OpDefinition BatchNorm = new OpBuilder("batch_norm", PatternKind.Broadcast, "scale·(x − mean)/sqrt(variance + epsilon) + bias over the last axis")
        .Operand("input").Operand("scale").Operand("bias").Operand("mean").Operand("variance")
        .Float("epsilon", 1e-5, "added to the variance").Build(ElementwiseInference.BatchNorm);

    public static readonly OpDefinition UnidirectionalSequenceLstm = LstmDefinition();

    /// <summary>Runs another graph of the module (a fused group); the module-level verifier checks the callee's signature.</summary>
    public static readonly OpDefinition Call = new OpBuilder("call", PatternKind.Opaque, "run the graph named by callee; the results are its outputs")
        .Variadic("arguments").String("callee", "name of the called graph in the module").Build(CallInference.Call);

    /// <summary>
    /// Runs a kernel of the module (lower-to-kernels' executor skeleton): the operands are bound to
    /// the kernel's input and constant parameters in order, the results are its output parameters;
    /// the module-level verifier checks the kernel's signature.
    /// </summary>
    public static readonly OpDefinition KernelCall = new OpBuilder("kernel_call", PatternKind.Opaque, "run the kernel named by kernel; operands bind its input and constant buffers, results its outputs")
        .Variadic("operands").String("kernel", "name of the called kernel in the module")
        .Int("macs", 0, "multiply-accumulates the call performs (for reports and metadata.json)")
        .Enum("schedule", "", [], "the kernel's schedule as lowering chose it (e.g. \"dense-dsp oc-unroll=2 pixels=2 run=64 cost=212 weights=pairs\"); empty for the element-rule lowering")
        .Build(KernelCallInference.KernelCall);

    /// <summary>Every op, in catalog order.</summary>
    public static ImmutableArray<OpDefinition> All { get; } =
    [
        Constant, Conv, DepthwiseConv, ConvTranspose, FullyConnected, MatMul, BatchMatMul,
        Add, Sub, Mul, Div, Maximum, Minimum,
        Relu, Relu6, Clip, LeakyRelu, Prelu, Sigmoid, HardSigmoid, Tanh, HardSwish, Exp, Log, Sqrt, Rsqrt, Abs, Neg,
        Softmax, LogSoftmax, MaxPool, AvgPool, GlobalAvgPool, GlobalMaxPool, Mean, Sum, ReduceMax, ReduceMin,
        Reshape, Transpose, Concat, Split, Slice, StridedSlice, Pad, Squeeze, ExpandDims, Gather,
        Cast, Quantize, Dequantize, Requantize, BatchNorm, UnidirectionalSequenceLstm, Call, KernelCall,
    ];

    private static OpDefinition Unary(string name, string summary) =>
        new OpBuilder(name, PatternKind.Elementwise, summary).Operand("input").Build(ElementwiseInference.Unary);

    private static OpDefinition Binary(string name, string summary) =>
        new OpBuilder(name, PatternKind.Broadcast, summary + " (NumPy broadcasting)")
            .Operand("lhs").Operand("rhs").FusedActivation().Build(ElementwiseInference.Binary);

    private static OpDefinition Pool(string name, string summary) =>
        new OpBuilder(name, PatternKind.OutElementwiseFusable, summary)
            .Operand("input").Ints("kernel", null, "window extent per spatial dimension").Window()
            .Bool("ceil_mode", false, "round the output extent up (ONNX ceil_mode)")
            .Bool("count_include_pad", false, "avg_pool: count padded elements in the divisor")
            .FusedActivation().Build(PoolingInference.Pool);

    private static OpDefinition Reduction(string name, string summary) =>
        new OpBuilder(name, PatternKind.CommutativeReduce, summary)
            .Operand("input").Ints("axes", [], "reduced dimensions; empty reduces all")
            .Bool("keepdims", true, "keep reduced dimensions with extent 1").Build(ReductionInference.Reduce);

    /// <summary>TFLite's operand order; optional operands are empty names.</summary>
    private static OpDefinition LstmDefinition() =>
        new OpBuilder("unidirectional_sequence_lstm", PatternKind.Opaque, "LSTM over a sequence (TFLite operand order)")
            .Operand("input")
            .Optional("input_to_input_weights").Operand("input_to_forget_weights").Operand("input_to_cell_weights").Operand("input_to_output_weights")
            .Optional("recurrent_to_input_weights").Operand("recurrent_to_forget_weights").Operand("recurrent_to_cell_weights").Operand("recurrent_to_output_weights")
            .Optional("cell_to_input_weights").Optional("cell_to_forget_weights").Optional("cell_to_output_weights")
            .Optional("input_gate_bias").Operand("forget_gate_bias").Operand("cell_gate_bias").Operand("output_gate_bias")
            .Optional("projection_weights").Optional("projection_bias")
            .Operand("output_state").Operand("cell_state")
            .Optional("input_layer_norm_coefficients").Optional("forget_layer_norm_coefficients")
            .Optional("cell_layer_norm_coefficients").Optional("output_layer_norm_coefficients")
            .Enum("activation", Activations.Tanh, Activations.All, "cell and output activation")
            .Float("cell_clip", 0.0, "clip of the cell state; 0 disables")
            .Float("proj_clip", 0.0, "clip of the projection; 0 disables")
            .Bool("time_major", true, "input is [time, batch, features]; else [batch, time, features]")
            .Build(RecurrentInference.Lstm);
}
