namespace MicroTvm.Conformance.Cases;

/// <summary>
/// A model file to compile once, however many cases run it: a <c>.tflite</c>, <c>.mir</c> or
/// <c>.onnx</c> path, and for ONNX node tests the values of inputs the importer may bind as
/// constants (shapes, axes), as the frontend's own node tests do.
/// </summary>
internal sealed record ModelSource(string Path, IReadOnlyDictionary<string, TensorData>? KnownOnnxInputs = null);
