using static MicroTvm.IR.LstmOperands;

namespace MicroTvm.IR.Interpretation;

/// <summary>
/// unidirectional_sequence_lstm in float (operand order of <see cref="Ops.UnidirectionalSequenceLstm"/>;
/// gates i, f, c, o), computed in f32 in a fixed order so that a kernel can reproduce it bit for
/// bit (the f32 order of TFLite's reference float LSTM, lstm_eval). Per step and batch row, for
/// each gate and cell k:
/// <code>
///   dx = Σ_j W[k, j]·x[j]   dh = Σ_j R[k, j]·h[j]      (each summed from 0 in f32, j ascending)
///   pre = ((dx + bias[k]) + dh) + P[k]·c[k]             (the peephole term only with peepholes)
///   with layer norm: pre = (((dx + dh) + P[k]·c[k]) − mean)·(1 / sqrt(variance + 1e-8))·coeff[k] + bias[k]
/// </code>
/// then f = σ(pre_f), i = σ(pre_i) or 1 − f (CIFG, no input weights), g = act(pre_c),
/// c = clip(f·c + i·g), o = σ(pre_o) with the peephole on the new cell, m = o·act(c), and the
/// optional projection h = clip(bias_p + Σ_k W_p[p, k]·m[k]). σ is TFLite's float logistic: 1
/// above 16.619047, exp(x) below −9, else 1/(1 + exp(−x)). exp and tanh are MathF's, the kernel
/// evaluator's exp and tanh intrinsics. The state operands are the initial states.
/// </summary>
internal static class LstmKernel
{
    private const float LayerNormEpsilon = 1e-8f;
    private const float SigmoidUpperCutoff = 16.619047164916992188f;
    private const float SigmoidLowerCutoff = -9f;

    public static readonly Kernel Lstm = context =>
    {
        var shape = LstmShape.Of(context);
        var activation = ActivationRange.Of(context.Node);
        var cellClip = (float)context.Node.GetFloat("cell_clip");
        var projectionClip = (float)context.Node.GetFloat("proj_clip");
        var projection = Floats(context.OptionalOperand(ProjectionWeights));
        var projectionBias = Floats(context.OptionalOperand(ProjectionBias));
        var gates = new GateWeights?[4];
        for (var gate = 0; gate < 4; gate++)
        {
            gates[gate] = gate == InputGate && shape.Cifg ? null : GateWeights.Of(context, gate);
        }

        var hidden = Floats(context.Operand(OutputState))!;
        var cell = Floats(context.Operand(CellState))!;
        var input = Floats(context.Operand(Input))!;
        var result = new double[shape.Steps * shape.Batch * shape.Outputs];
        var (x, h, m) = (new float[shape.InputSize], new float[shape.Outputs], new float[shape.Cells]);
        for (var t = 0; t < shape.Steps; t++)
        {
            for (var b = 0; b < shape.Batch; b++)
            {
                Array.Copy(input, shape.InputOffset(t, b), x, 0, shape.InputSize);
                Array.Copy(hidden, b * shape.Outputs, h, 0, shape.Outputs);
                var c = cell.AsSpan(b * shape.Cells, shape.Cells);
                var forget = gates[ForgetGate]!.PreActivation(x, h, c);
                var inputGate = gates[InputGate]?.PreActivation(x, h, c);
                var cellGate = gates[CellGate]!.PreActivation(x, h, c);
                for (var k = 0; k < shape.Cells; k++)
                {
                    var f = Sigmoid(forget[k]);
                    var i = inputGate is null ? 1f - f : Sigmoid(inputGate[k]);
                    c[k] = Clip((f * c[k]) + (i * Activate(activation, cellGate[k])), cellClip);
                }

                var output = gates[OutputGate]!.PreActivation(x, h, c);
                for (var k = 0; k < shape.Cells; k++)
                {
                    m[k] = Sigmoid(output[k]) * Activate(activation, c[k]);
                }

                for (var p = 0; p < shape.Outputs; p++)
                {
                    var value = projection is null ? m[p] : Clip((projectionBias?[p] ?? 0f) + Dot(projection, p, m), projectionClip);
                    hidden[(b * shape.Outputs) + p] = value;
                    result[shape.OutputOffset(t, b) + p] = value;
                }
            }
        }

        return KernelContext.One(new HostTensor(context.ResultType, result));
    };

    /// <summary>TFLite's reference float logistic.</summary>
    public static float Sigmoid(float x) =>
        x > SigmoidUpperCutoff ? 1f : x < SigmoidLowerCutoff ? MathF.Exp(x) : 1f / (1f + MathF.Exp(-x));

    /// <summary>The cell and output activation in f32 (relu as Math.Max, the clamps as Math.Clamp: NaN passes through).</summary>
    public static float Activate(string activation, float x) => activation switch
    {
        Activations.Relu => x <= 0f ? 0f : x,
        Activations.Relu6 => Clamp(x, 0f, 6f),
        Activations.ReluN1To1 => Clamp(x, -1f, 1f),
        Activations.Tanh => MathF.Tanh(x),
        _ => x,
    };

    /// <summary>Clipping to [−clip, clip]; a clip of 0 (or less) disables it.</summary>
    public static float Clip(float x, float clip) => clip > 0 ? Clamp(x, -clip, clip) : x;

    /// <summary>Σ_j weights[row, j]·vector[j], summed from 0 in f32.</summary>
    public static float Dot(float[] weights, int row, ReadOnlySpan<float> vector)
    {
        var sum = 0f;
        var offset = row * vector.Length;
        for (var j = 0; j < vector.Length; j++)
        {
            sum += weights[offset + j] * vector[j];
        }

        return sum;
    }

    private static float Clamp(float x, float min, float max) => x < min ? min : x > max ? max : x;

    private static float[]? Floats(HostTensor? tensor)
    {
        if (tensor is null)
        {
            return null;
        }

        var values = new float[tensor.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)tensor.Values[i];
        }

        return values;
    }

    /// <summary>One gate's weights: input and recurrent matrices, optional peephole and layer-norm coefficients, the bias.</summary>
    private sealed record GateWeights(float[] Input, float[] Recurrent, float[]? Peephole, float[] Bias, float[]? Norm)
    {
        public static GateWeights Of(KernelContext context, int gate) => new(
            Floats(context.Operand(InputWeights + gate))!,
            Floats(context.Operand(RecurrentWeights + gate))!,
            gate == CellGate ? null : Floats(context.OptionalOperand(PeepholeWeights + (gate == OutputGate ? 2 : gate))),
            Floats(context.Operand(GateBias + gate))!,
            Floats(context.OptionalOperand(LayerNorm + gate)));

        public float[] PreActivation(float[] x, float[] h, ReadOnlySpan<float> cell)
        {
            var values = new float[Bias.Length];
            for (var k = 0; k < values.Length; k++)
            {
                var (dx, dh) = (Dot(Input, k, x), Dot(Recurrent, k, h));
                var value = Norm is null ? (dx + Bias[k]) + dh : dx + dh;
                values[k] = Peephole is null ? value : value + (Peephole[k] * cell[k]);
            }

            if (Norm is not null)
            {
                Normalize(values);
            }

            return values;
        }

        /// <summary>TFLite's MeanStddevNormalization, then the coefficients and the bias.</summary>
        private void Normalize(float[] values)
        {
            var sum = 0f;
            foreach (var v in values)
            {
                sum += v;
            }

            var mean = sum / values.Length;
            var squares = 0f;
            foreach (var v in values)
            {
                var difference = v - mean;
                squares += difference * difference;
            }

            var inverse = 1f / MathF.Sqrt((squares / values.Length) + LayerNormEpsilon);
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = ((values[k] - mean) * inverse * Norm![k]) + Bias[k];
            }
        }
    }
}
