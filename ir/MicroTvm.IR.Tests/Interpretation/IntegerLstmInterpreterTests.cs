using MicroTvm.IR.Interpretation;
using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

/// <summary>
/// TFLite Micro's integer LSTM and the int16 logistic/tanh it uses, on cases worked out by hand
/// from TFLite's table (σ(i/24) in Q16).
/// </summary>
public sealed class IntegerLstmInterpreterTests
{
    /// <summary>x in Q3.12 is scaled by 3/4 onto the table: σ(±0.5)·2^15 = 20397 / 12371, tanh(0.5)·2^15 = 15143, σ(±8) = 32757 / 11.</summary>
    [Theory]
    [InlineData(0, 16384, 0)]
    [InlineData(2048, 20397, 15143)]
    [InlineData(-2048, 12371, -15143)]
    [InlineData(short.MaxValue, 32757, 32767)]
    [InlineData(short.MinValue, 11, -32767)]
    public void Int16ActivationsOfQ312Inputs(short x, short logistic, short tanh)
    {
        Assert.Equal(logistic, Int16Activations.Logistic(x, 0, 0));
        Assert.Equal(tanh, Int16Activations.Tanh(x, 0, 0));
    }

    [Fact]
    public void ARescaledInputRoundsItsShift()
    {
        // multiplier 3, shift 3: (2048·3 + 4) >> 3 = 768, i.e. the input 2048 of a Q0.15 cell as Q3.12 after ·3/4.
        Assert.Equal(Int16Activations.Tanh(256, 0, 0), Int16Activations.Tanh(2048, 3, 3));
    }

    /// <summary>
    /// All weights and biases zero: every gate is σ(0) = 16384 (½) and the candidate tanh(0) = 0, so the
    /// cell halves each step (4096 → 2048 → 1024, scale 2^−12) and h = ½·tanh(c) in steps of 1/128:
    /// tanh16(2048) = 15143 → 15143·16384·2^−23 = 29.6 → 30; tanh16(1024) = 8026 → 15.7 → 16.
    /// </summary>
    [Theory]
    [InlineData(0.0, 30, 16)]
    [InlineData(0.25, 16, 8)]
    public void ZeroWeightsHalveTheCellEachStep(double cellClip, long first, long second)
    {
        var operands = ZeroWeightOperands(cellState: 4096);
        var actual = RunInts(Ops.UnidirectionalSequenceLstm, operands, Q(ElementType.I8, 1f / 128, 0, 2, 1, 1), ("cell_clip", Float(cellClip)));
        Assert.Equal([first, second], actual);
    }

    [Fact]
    public void PeepholesHaveNoIntegerForm()
    {
        var operands = ZeroWeightOperands(cellState: 0);
        operands[10] = Ints(Q(ElementType.I16, 1f / 4096, 0, 1), 0);
        var types = operands.Select(o => o?.Type).ToList();
        var node = new Node(Ops.UnidirectionalSequenceLstm, [.. operands.Select((o, i) => o is null ? string.Empty : $"in{i}")], [new Value("y", Q(ElementType.I8, 1f / 128, 0, 2, 1, 1))]);
        Assert.Null(IntegerLstmParameters.TryCreate(node, types, node.Result.Type, out var problem));
        Assert.Contains("peepholes", problem, StringComparison.Ordinal);
    }

    private static TensorData?[] ZeroWeightOperands(long cellState)
    {
        var operands = new TensorData?[24];
        operands[0] = Ints(Q(ElementType.I8, 0.01f, 5, 2, 1, 1), 100, -100);
        for (var gate = 0; gate < 4; gate++)
        {
            operands[1 + gate] = Ints(Q(ElementType.I8, 0.01f, 0, 1, 1), 0);
            operands[5 + gate] = Ints(Q(ElementType.I8, 0.01f, 0, 1, 1), 0);
            operands[12 + gate] = Ints(Q(ElementType.I32, 0.0001f, 0, 1), 0);
        }

        operands[18] = Ints(Q(ElementType.I8, 1f / 128, 0, 1, 1), 0);
        operands[19] = Ints(Q(ElementType.I16, 1f / 4096, 0, 1, 1), cellState);
        return operands;
    }
}
