using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class LstmInterpreterTests
{
    private static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));

    /// <summary>One cell, one input, two time steps, CIFG (no input gate), no peepholes: hand-unrolled.</summary>
    [Fact]
    public void CifgLstmMatchesAHandUnrolledRecurrence()
    {
        var one = F32(1, 1);
        var vector = F32(1);
        TensorData W(float v) => Floats(one, v);
        TensorData B(float v) => Floats(vector, v);
        var operands = new TensorData?[24];
        operands[0] = Floats(F32(2, 1, 1), 1, -1);
        (operands[2], operands[3], operands[4]) = (W(0.5f), W(1), W(-0.5f));
        (operands[6], operands[7], operands[8]) = (W(0.25f), W(0.5f), W(1));
        (operands[13], operands[14], operands[15]) = (B(0.1f), B(0), B(0.2f));
        operands[18] = Floats(one, 0);
        operands[19] = Floats(one, 0);
        var actual = RunFloats(Ops.UnidirectionalSequenceLstm, operands, F32(2, 1, 1));

        float h = 0, c = 0;
        var expected = new List<float>();
        foreach (var x in new[] { 1f, -1f })
        {
            var f = Sigmoid((0.5f * x) + (0.25f * h) + 0.1f);
            var g = MathF.Tanh((1 * x) + (0.5f * h));
            c = (f * c) + ((1 - f) * g);
            var o = Sigmoid((-0.5f * x) + (1 * h) + 0.2f);
            h = o * MathF.Tanh(c);
            expected.Add(h);
        }

        Close([.. expected], actual, 1e-5f);
    }

    [Fact]
    public void PeepholesProjectionAndBatchMajorLayout()
    {
        var operands = new TensorData?[24];
        operands[0] = Floats(F32(1, 1, 1), 2);
        for (var gate = 0; gate < 4; gate++)
        {
            operands[1 + gate] = Floats(F32(1, 1), 0.1f * (gate + 1));
            operands[5 + gate] = Floats(F32(1, 1), 0);
            operands[12 + gate] = Floats(F32(1), 0);
        }

        operands[9] = Floats(F32(1), 1);
        operands[10] = Floats(F32(1), 1);
        operands[11] = Floats(F32(1), 1);
        operands[16] = Floats(F32(1, 1), 2);
        operands[18] = Floats(F32(1, 1), 0);
        operands[19] = Floats(F32(1, 1), 0.5f);
        var actual = RunFloats(Ops.UnidirectionalSequenceLstm, operands, F32(1, 1, 1), ("time_major", Bool(false)));

        var i = Sigmoid(0.2f + 0.5f);
        var f = Sigmoid(0.4f + 0.5f);
        var g = MathF.Tanh(0.6f);
        var c = (f * 0.5f) + (i * g);
        var o = Sigmoid(0.8f + c);
        Close([2 * o * MathF.Tanh(c)], actual, 1e-5f);
    }
}
