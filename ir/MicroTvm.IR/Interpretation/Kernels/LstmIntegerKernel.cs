namespace MicroTvm.IR.Interpretation;

/// <summary>
/// unidirectional_sequence_lstm with int8 activations and weights, int32 biases and an int16
/// cell state, as TFLite Micro's integer LSTM (lstm_eval.h) computes it, per step and batch row:
/// <code>
///   gate  = sat16(sat16(rq(Σ (w − zw)(x − zx) + bias)) + sat16(rq(Σ (r − zr)(h − zh))))   rq to 2^−12
///   f, i, o = logistic16(gate)   g = tanh16(gate)                                       Q0.15
///   c = clip(sat16(sat16(rq(f·c)) + sat16(rq(i·g))))                                     cell scale
///   h = y = sat8(zh + rq(tanh16(c rescaled by the cell scale's power of two)·o))         hidden scale
/// </code>
/// with rq TFLite's MultiplyByQuantizedMultiplier and the constants of <see cref="IntegerLstmParameters"/>.
/// </summary>
internal static class LstmIntegerKernel
{
    public static readonly Kernel Lstm = context =>
    {
        var shape = LstmShape.Of(context);
        var types = context.Operands.Select(o => o?.Type).ToList();
        var parameters = IntegerLstmParameters.TryCreate(context.Node, types, context.ResultType, out var problem)
            ?? throw new InterpreterFailure(problem!);
        var hidden = Integers(context.Operand(LstmOperands.OutputState));
        var cell = Integers(context.Operand(LstmOperands.CellState));
        var input = Integers(context.Operand(LstmOperands.Input));
        var result = new double[shape.Steps * shape.Batch * shape.Outputs];
        var (x, h) = (new int[shape.InputSize], new int[shape.Outputs]);
        for (var t = 0; t < shape.Steps; t++)
        {
            for (var b = 0; b < shape.Batch; b++)
            {
                Array.Copy(input, shape.InputOffset(t, b), x, 0, shape.InputSize);
                Array.Copy(hidden, b * shape.Outputs, h, 0, shape.Outputs);
                for (var k = 0; k < shape.Cells; k++)
                {
                    int Gate(int gate) => PreActivation(context, parameters, gate, k, x, h);
                    var f = Int16Activations.Logistic((short)Gate(LstmOperands.ForgetGate), 0, 0);
                    var i = Int16Activations.Logistic((short)Gate(LstmOperands.InputGate), 0, 0);
                    var g = Int16Activations.Tanh((short)Gate(LstmOperands.CellGate), 0, 0);
                    var o = Int16Activations.Logistic((short)Gate(LstmOperands.OutputGate), 0, 0);
                    var c = cell[(b * shape.Cells) + k];
                    var kept = Saturate16(Requantize(f * c, parameters.ForgetCellScale));
                    var added = Saturate16(Requantize(i * g, parameters.InputCandidateScale));
                    c = Saturate16(kept + added);
                    c = parameters.CellClip is { } clip ? Math.Clamp(c, -clip, clip) : c;
                    cell[(b * shape.Cells) + k] = c;
                    var (multiplier, shift) = parameters.CellTanhRescale;
                    var activated = Int16Activations.Tanh((short)c, multiplier, shift);
                    var value = Math.Clamp(parameters.HiddenZero + Requantize(activated * o, parameters.HiddenScale), sbyte.MinValue, sbyte.MaxValue);
                    hidden[(b * shape.Outputs) + k] = value;
                    result[shape.OutputOffset(t, b) + k] = value;
                }
            }
        }

        return KernelContext.One(new HostTensor(context.ResultType, result));
    };

    /// <summary>One gate's int16 pre-activation for cell k: both fully-connected layers requantized to 2^−12 and saturated, then their saturated sum.</summary>
    private static int PreActivation(KernelContext context, IntegerLstmParameters parameters, int gate, int k, int[] x, int[] h)
    {
        var inputWeights = context.Operand(LstmOperands.InputWeights + gate).Values;
        var recurrentWeights = context.Operand(LstmOperands.RecurrentWeights + gate).Values;
        var (zw, zr) = (parameters.InputWeightZeros[gate], parameters.RecurrentWeightZeros[gate]);
        var fromInput = 0;
        for (var j = 0; j < x.Length; j++)
        {
            fromInput = unchecked(fromInput + (((int)inputWeights[(k * x.Length) + j] - zw) * (x[j] - parameters.InputZero)));
        }

        fromInput = unchecked(fromInput + (int)context.Operand(LstmOperands.GateBias + gate).Values[k]);
        var fromHidden = 0;
        for (var j = 0; j < h.Length; j++)
        {
            fromHidden = unchecked(fromHidden + (((int)recurrentWeights[(k * h.Length) + j] - zr) * (h[j] - parameters.HiddenZero)));
        }

        return Saturate16(Saturate16(Requantize(fromInput, parameters.InputScales[gate])) + Saturate16(Requantize(fromHidden, parameters.RecurrentScales[gate])));
    }

    private static int Requantize(int x, (int Multiplier, int Shift) scale) => FixedPoint.MultiplyByQuantizedMultiplier(x, scale.Multiplier, scale.Shift);

    private static int Saturate16(int x) => Math.Clamp(x, short.MinValue, short.MaxValue);

    private static int[] Integers(HostTensor tensor) => [.. tensor.Values.Select(v => (int)v)];
}
