namespace MicroTvm.Frontend.Onnx;

/// <summary>Whether one node of a model imports; <see cref="Reason"/> says why not.</summary>
public sealed record OnnxNodeSupport(string Name, string OpType, string Domain, long Opset, bool Supported, string? Reason);
