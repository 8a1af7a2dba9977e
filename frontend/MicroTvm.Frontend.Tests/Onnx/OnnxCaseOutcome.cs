namespace MicroTvm.Frontend.Tests.Onnx;

internal sealed record OnnxCaseOutcome(OnnxCaseStatus Status, string Detail);
