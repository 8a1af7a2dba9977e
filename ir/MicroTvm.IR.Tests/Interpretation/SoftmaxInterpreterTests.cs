using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class SoftmaxInterpreterTests
{
    [Fact]
    public void SoftmaxAlongAnAxisWithBeta()
    {
        var e = MathF.E;
        Close([1 / (1 + e), e / (1 + e), 0.5f, 0.5f], RunFloats(Ops.Softmax, [Floats(F32(2, 2), 0, 1, 3, 3)], F32(2, 2)));
        Close([1 / (1 + (e * e)), 0.5f, (e * e) / (1 + (e * e)), 0.5f], RunFloats(Ops.Softmax, [Floats(F32(2, 2), 0, 3, 1, 3)], F32(2, 2), ("axis", Int(0)), ("beta", Float(2))));
    }

    [Fact]
    public void LogSoftmax()
    {
        var log = MathF.Log(1 + MathF.E);
        Close([-log, 1 - log], RunFloats(Ops.LogSoftmax, [Floats(F32(2), 0, 1)], F32(2)));
    }

    [Fact]
    public void BatchNormOverTheLastAxis()
    {
        var actual = RunFloats(Ops.BatchNorm, [Floats(F32(2, 2), 1, 2, 3, 4), Floats(F32(2), 2, 1), Floats(F32(2), 0, 10), Floats(F32(2), 1, 2), Floats(F32(2), 4, 1)], F32(2, 2), ("epsilon", Float(0)));
        Close([0, 10, 2, 12], actual);
    }
}
