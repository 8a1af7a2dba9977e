namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// How one ONNX op is imported: its converter, and the input positions the IR needs as
/// compile-time constants (shapes, axes, pads, scales) — used to bind known input values.
/// </summary>
internal sealed record OnnxOpEntry(Action<NodeContext> Convert, ImmutableArray<int> StaticOperands);
