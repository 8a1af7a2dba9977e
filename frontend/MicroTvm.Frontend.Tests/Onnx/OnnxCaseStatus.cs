namespace MicroTvm.Frontend.Tests.Onnx;

public enum OnnxCaseStatus
{
    Passed,
    Refused,
    Invalid,
    InterpreterFailed,
    Mismatch,
}
