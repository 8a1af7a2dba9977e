using System.Collections.Frozen;
using MicroTvm.Frontend.Onnx.Converters;

namespace MicroTvm.Frontend.Onnx;

/// <summary>Every default-domain ONNX op the importer converts, declared once.</summary>
internal static class OnnxOpTable
{
    private static readonly FrozenDictionary<string, OnnxOpEntry> Entries = new Dictionary<string, OnnxOpEntry>(StringComparer.Ordinal)
    {
        ["Add"] = Of(n => ElementwiseConverters.Binary(n, Ops.Add)),
        ["Sub"] = Of(n => ElementwiseConverters.Binary(n, Ops.Sub)),
        ["Mul"] = Of(n => ElementwiseConverters.Binary(n, Ops.Mul)),
        ["Div"] = Of(n => ElementwiseConverters.Binary(n, Ops.Div)),
        ["Max"] = Of(n => ElementwiseConverters.Variadic(n, Ops.Maximum)),
        ["Min"] = Of(n => ElementwiseConverters.Variadic(n, Ops.Minimum)),
        ["Sum"] = Of(n => ElementwiseConverters.Variadic(n, Ops.Add)),
        ["Relu"] = Of(n => ElementwiseConverters.Unary(n, Ops.Relu)),
        ["Sigmoid"] = Of(n => ElementwiseConverters.Unary(n, Ops.Sigmoid)),
        ["Tanh"] = Of(n => ElementwiseConverters.Unary(n, Ops.Tanh)),
        ["HardSwish"] = Of(n => ElementwiseConverters.Unary(n, Ops.HardSwish)),
        ["Exp"] = Of(n => ElementwiseConverters.Unary(n, Ops.Exp)),
        ["Log"] = Of(n => ElementwiseConverters.Unary(n, Ops.Log)),
        ["Sqrt"] = Of(n => ElementwiseConverters.Unary(n, Ops.Sqrt)),
        ["Abs"] = Of(n => ElementwiseConverters.Unary(n, Ops.Abs)),
        ["Neg"] = Of(n => ElementwiseConverters.Unary(n, Ops.Neg)),
        ["Reciprocal"] = Of(ElementwiseConverters.Reciprocal),
        ["LeakyRelu"] = Of(ElementwiseConverters.LeakyRelu),
        ["HardSigmoid"] = Of(ElementwiseConverters.HardSigmoid),
        ["PRelu"] = Of(n => ElementwiseConverters.Binary(n, Ops.Prelu)),
        ["Clip"] = Of(ElementwiseConverters.Clip, 1, 2),
        ["Softmax"] = Of(n => ElementwiseConverters.Softmax(n, Ops.Softmax)),
        ["LogSoftmax"] = Of(n => ElementwiseConverters.Softmax(n, Ops.LogSoftmax)),
        ["Identity"] = Of(n => n.Alias(0, n.Input(0))),
        ["Dropout"] = Of(ElementwiseConverters.Dropout, 1, 2),
        ["Cast"] = Of(ElementwiseConverters.Cast),
        ["Constant"] = Of(_ => { }),
        ["ConstantOfShape"] = Of(ElementwiseConverters.ConstantOfShape, 0),
        ["Conv"] = Of(ConvolutionConverters.Conv),
        ["ConvTranspose"] = Of(ConvolutionConverters.ConvTranspose),
        ["Gemm"] = Of(LinearConverters.Gemm),
        ["MatMul"] = Of(n => n.Emit(Ops.MatMul, n.Output(), [n.Input(0), n.Input(1)])),
        ["MaxPool"] = Of(n => SpatialConverters.Pool(n, Ops.MaxPool)),
        ["AveragePool"] = Of(n => SpatialConverters.Pool(n, Ops.AvgPool)),
        ["GlobalAveragePool"] = Of(n => SpatialConverters.GlobalPool(n, Ops.GlobalAvgPool)),
        ["GlobalMaxPool"] = Of(n => SpatialConverters.GlobalPool(n, Ops.GlobalMaxPool)),
        ["BatchNormalization"] = Of(SpatialConverters.BatchNormalization),
        ["ReduceMean"] = Of(n => ShapeConverters.Reduce(n, Ops.Mean), 1),
        ["ReduceSum"] = Of(n => ShapeConverters.Reduce(n, Ops.Sum), 1),
        ["ReduceMax"] = Of(n => ShapeConverters.Reduce(n, Ops.ReduceMax), 1),
        ["ReduceMin"] = Of(n => ShapeConverters.Reduce(n, Ops.ReduceMin), 1),
        ["Reshape"] = Of(ShapeConverters.Reshape, 1),
        ["Flatten"] = Of(ShapeConverters.Flatten),
        ["Transpose"] = Of(ShapeConverters.Transpose),
        ["Concat"] = Of(ShapeConverters.Concat),
        ["Split"] = Of(ShapeConverters.Split, 1),
        ["Slice"] = Of(ShapeConverters.Slice, 1, 2, 3, 4),
        ["Pad"] = Of(ShapeConverters.Pad, 1, 2, 3),
        ["Squeeze"] = Of(ShapeConverters.Squeeze, 1),
        ["Unsqueeze"] = Of(ShapeConverters.Unsqueeze, 1),
        ["Gather"] = Of(ShapeConverters.Gather),
        ["QuantizeLinear"] = Of(QuantizedConverters.QuantizeLinear, 1, 2),
        ["DequantizeLinear"] = Of(QuantizedConverters.DequantizeLinear, 1, 2),
        ["QLinearConv"] = Of(QuantizedConverters.QLinearConv, 1, 2, 4, 5, 6, 7),
        ["QLinearMatMul"] = Of(QuantizedConverters.QLinearMatMul, 1, 2, 4, 5, 6, 7),
        ["ConvInteger"] = Of(QuantizedConverters.ConvInteger, 2, 3),
        ["MatMulInteger"] = Of(QuantizedConverters.MatMulInteger, 2, 3),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> OpTypes => Entries.Keys.Order(StringComparer.Ordinal);

    public static bool TryGet(string opType, out OnnxOpEntry entry) => Entries.TryGetValue(opType, out entry!);

    private static OnnxOpEntry Of(Action<NodeContext> convert, params int[] staticOperands) => new(convert, [.. staticOperands]);
}
