namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// How to import a model. <see cref="KnownInputValues"/> gives values of graph inputs that are
/// fixed at compile time; the importer uses one only where the IR needs a constant (a Reshape's
/// shape, a Pad's pads, quantization scales …), and then drops that input from the graph.
/// </summary>
public sealed record OnnxImportOptions(IReadOnlyDictionary<string, TensorData>? KnownInputValues = null)
{
    public static OnnxImportOptions Default { get; } = new();
}
