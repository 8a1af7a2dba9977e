namespace MicroTvm.IR.Interpretation;

/// <summary>
/// The compile-time constants of TFLite Micro's integer LSTM (8-bit activations and weights,
/// 32-bit biases, 16-bit cell state; lstm_eval_common.cc): every gate's two fully-connected
/// layers requantize to int16 with scale 2^−12 (the Q3.12 input of the nonlinearities, whose
/// outputs are Q0.15), the gate products requantize to the cell scale and the hidden-state
/// scale, and the cell tanh rescales by the cell scale's power of two. <see cref="CellClip"/> is
/// the quantized cell clip, null when the node does not clip. Only the standard LSTM has an
/// integer form: all four gates, no peepholes, projection or layer normalisation, tanh as the
/// cell activation. Public because the lowering puts the same constants into kernels.
/// </summary>
public sealed record IntegerLstmParameters(
    int InputZero,
    int HiddenZero,
    ImmutableArray<int> InputWeightZeros,
    ImmutableArray<int> RecurrentWeightZeros,
    ImmutableArray<(int Multiplier, int Shift)> InputScales,
    ImmutableArray<(int Multiplier, int Shift)> RecurrentScales,
    (int Multiplier, int Shift) ForgetCellScale,
    (int Multiplier, int Shift) InputCandidateScale,
    (int Multiplier, int Shift) HiddenScale,
    (int Multiplier, int Shift) CellTanhRescale,
    int? CellClip)
{
    /// <summary>The scale of the gates' pre-activations (Q3.12).</summary>
    public const float GateInputScale = 1f / 4096;

    /// <summary>The scale of the gates' activations (Q0.15).</summary>
    public const float GateOutputScale = 1f / 32768;

    /// <summary>
    /// The parameters for an LSTM node with the given operand types (null where absent) and result
    /// type, or null with the reason it has no integer form.
    /// </summary>
    public static IntegerLstmParameters? TryCreate(Node node, IReadOnlyList<TensorType?> operands, TensorType result, out string? problem)
    {
        TensorType? At(int i) => i < operands.Count ? operands[i] : null;
        problem = Check(node, At, result);
        if (problem is not null)
        {
            return null;
        }

        var input = At(0)!.Quantization!;
        var hidden = At(18)!.Quantization!;
        var cellScale = At(19)!.Quantization!.Scale;
        var inputScales = ImmutableArray.CreateBuilder<(int, int)>(4);
        var recurrentScales = ImmutableArray.CreateBuilder<(int, int)>(4);
        for (var gate = 0; gate < 4; gate++)
        {
            inputScales.Add(FixedPoint.QuantizeMultiplier((double)input.Scale * At(1 + gate)!.Quantization!.Scale / GateInputScale));
            recurrentScales.Add(FixedPoint.QuantizeMultiplier((double)hidden.Scale * At(5 + gate)!.Quantization!.Scale / GateInputScale));
        }

        var power = (int)MathF.Round(MathF.Log(cellScale) * (1f / MathF.Log(2f)));
        var tanhShift = 15 + power - 3;
        var cellClip = node.GetFloat("cell_clip");
        return new IntegerLstmParameters(
            (int)input.ZeroPoint,
            (int)hidden.ZeroPoint,
            [.. Enumerable.Range(1, 4).Select(i => (int)At(i)!.Quantization!.ZeroPoint)],
            [.. Enumerable.Range(5, 4).Select(i => (int)At(i)!.Quantization!.ZeroPoint)],
            inputScales.MoveToImmutable(),
            recurrentScales.MoveToImmutable(),
            FixedPoint.QuantizeMultiplier((double)GateOutputScale * cellScale / cellScale),
            FixedPoint.QuantizeMultiplier((double)GateOutputScale * GateOutputScale / cellScale),
            FixedPoint.QuantizeMultiplier((double)GateOutputScale * GateOutputScale / hidden.Scale),
            tanhShift < 0 ? (3, -tanhShift) : (0, tanhShift),
            (float)cellClip > 0 ? (short)Math.Min(Math.Max((double)(float)cellClip / cellScale, short.MinValue), short.MaxValue) : null);
    }

    private static string? Check(Node node, Func<int, TensorType?> at, TensorType result)
    {
        static bool PerTensor(TensorType? type, ElementType element) => type is { Quantization.Scales.Length: 1 } t && t.ElementType == element;
        if (!PerTensor(at(0), ElementType.I8) || !PerTensor(result, ElementType.I8) || !PerTensor(at(18), ElementType.I8))
        {
            return "the integer LSTM needs an int8 input, output and output state quantized per tensor";
        }

        if (!PerTensor(at(19), ElementType.I16))
        {
            return "the integer LSTM needs an int16 cell state quantized per tensor";
        }

        if (Enumerable.Range(1, 8).Any(i => !PerTensor(at(i), ElementType.I8)) || Enumerable.Range(12, 4).Any(i => at(i)?.ElementType != ElementType.I32))
        {
            return "the integer LSTM needs int8 weights quantized per tensor and int32 biases for all four gates";
        }

        if (new[] { 9, 10, 11, 16, 17, 20, 21, 22, 23 }.Any(i => at(i) is not null))
        {
            return "the integer LSTM has no peepholes, projection or layer normalisation";
        }

        return node.GetAttribute("activation") is StringAttribute { Value: Activations.Tanh } ? null : "the integer LSTM's cell activation is tanh";
    }
}
