namespace MicroTvm.IR.Interpretation;

/// <summary>
/// unidirectional_sequence_lstm in float, as TFLite's lstm_eval computes it (operand order of
/// <see cref="Ops.UnidirectionalSequenceLstm"/>; gates i, f, c, o). Per step, gate = W·x + R·h
/// (+ peephole P⊙c) + bias, or with layer normalisation normalise(W·x + R·h + P⊙c)·coeff + bias;
/// i = σ (CIFG, without input weights: i = 1 − f), f = σ, g = act, c = f⊙c + i⊙g (clipped by
/// cell_clip), o = σ with the peephole on the new cell, h = o⊙act(c), then the optional
/// projection h = W_p·h + b_p (clipped by proj_clip). The state operands are the initial states.
/// </summary>
internal static class LstmKernel
{
    private const int Input = 0;
    private const int InputWeights = 1;
    private const int RecurrentWeights = 5;
    private const int PeepholeWeights = 9;
    private const int GateBias = 12;
    private const int ProjectionWeights = 16;
    private const int ProjectionBias = 17;
    private const int OutputState = 18;
    private const int CellState = 19;
    private const int LayerNorm = 20;
    private const double LayerNormEpsilon = 1e-8;

    public static readonly Kernel Lstm = context =>
    {
        var input = context.Operand(Input);
        var timeMajor = context.Node.GetBool("time_major");
        var (steps, batch, inputSize) = timeMajor
            ? (input.Shape[0], input.Shape[1], input.Shape[2])
            : (input.Shape[1], input.Shape[0], input.Shape[2]);
        var cells = context.Operand(InputWeights + 1).Shape[0];
        var projection = context.OptionalOperand(ProjectionWeights);
        var outputs = projection?.Shape[0] ?? cells;
        var activation = ActivationRange.Of(context.Node);
        var cellClip = context.Node.GetFloat("cell_clip");
        var projectionClip = context.Node.GetFloat("proj_clip");
        var cifg = context.OptionalOperand(InputWeights) is null;
        var hidden = (double[])context.Operand(OutputState).Values.Clone();
        var cell = (double[])context.Operand(CellState).Values.Clone();
        if (hidden.Length != batch * outputs || cell.Length != batch * cells)
        {
            throw new InterpreterFailure($"states must be [{batch}, {outputs}] and [{batch}, {cells}]");
        }

        var result = new double[steps * batch * outputs];
        for (var t = 0; t < steps; t++)
        {
            for (var b = 0; b < batch; b++)
            {
                var x = new double[inputSize];
                var inputBase = timeMajor ? ((t * batch) + b) * inputSize : ((b * steps) + t) * inputSize;
                Array.Copy(input.Values, inputBase, x, 0, inputSize);
                var h = hidden.AsSpan(b * outputs, outputs).ToArray();
                var c = cell.AsSpan(b * cells, cells);
                var inputGate = cifg ? null : Gate(context, 0, x, h, c, cells);
                var forgetGate = Gate(context, 1, x, h, c, cells);
                var cellGate = Gate(context, 2, x, h, c, cells);
                UpdateCell(inputGate, forgetGate, cellGate, c, activation, cellClip);
                var outputGate = Gate(context, 3, x, h, c, cells);
                var output = new double[cells];
                for (var k = 0; k < cells; k++)
                {
                    output[k] = Sigmoid(outputGate[k]) * ActivationRange.ApplyFloat(activation, c[k]);
                }

                var projected = projection is null ? output : Project(context, projection, output, projectionClip);
                Array.Copy(projected, 0, hidden, b * outputs, outputs);
                var outputBase = timeMajor ? ((t * batch) + b) * outputs : ((b * steps) + t) * outputs;
                Array.Copy(projected, 0, result, outputBase, outputs);
            }
        }

        return KernelContext.One(HostTensor.Stored(context.ResultType, result));
    };

    private static void UpdateCell(double[]? inputGate, double[] forgetGate, double[] cellGate, Span<double> cell, string activation, double cellClip)
    {
        for (var k = 0; k < cell.Length; k++)
        {
            var forget = Sigmoid(forgetGate[k]);
            var input = inputGate is null ? 1 - forget : Sigmoid(inputGate[k]);
            var value = (forget * cell[k]) + (input * ActivationRange.ApplyFloat(activation, cellGate[k]));
            cell[k] = (float)(cellClip > 0 ? Math.Clamp(value, -cellClip, cellClip) : value);
        }
    }

    /// <summary>Pre-activation of one gate (0 input, 1 forget, 2 cell, 3 output) for one batch row.</summary>
    private static double[] Gate(KernelContext context, int gate, double[] x, double[] h, ReadOnlySpan<double> cell, int cells)
    {
        var inputWeights = context.Operand(InputWeights + gate);
        var recurrentWeights = context.Operand(RecurrentWeights + gate);
        var peephole = gate == 2 ? null : context.OptionalOperand(PeepholeWeights + (gate == 3 ? 2 : gate));
        var bias = context.Operand(GateBias + gate);
        var norm = context.OptionalOperand(LayerNorm + gate);
        var values = new double[cells];
        for (var k = 0; k < cells; k++)
        {
            var sum = 0.0;
            for (var j = 0; j < x.Length; j++)
            {
                sum += inputWeights.Values[(k * x.Length) + j] * x[j];
            }

            for (var j = 0; j < h.Length; j++)
            {
                sum += recurrentWeights.Values[(k * h.Length) + j] * h[j];
            }

            values[k] = sum + (peephole is null ? 0 : peephole.Values[k] * cell[k]);
        }

        if (norm is null)
        {
            for (var k = 0; k < cells; k++)
            {
                values[k] += bias.Values[k];
            }

            return values;
        }

        var mean = values.Average();
        var variance = values.Average(v => (v - mean) * (v - mean));
        for (var k = 0; k < cells; k++)
        {
            values[k] = ((values[k] - mean) / Math.Sqrt(variance + LayerNormEpsilon) * norm.Values[k]) + bias.Values[k];
        }

        return values;
    }

    private static double[] Project(KernelContext context, HostTensor weights, double[] output, double clip)
    {
        var bias = context.OptionalOperand(ProjectionBias);
        var size = weights.Shape[0];
        var projected = new double[size];
        for (var k = 0; k < size; k++)
        {
            var sum = bias?.Values[k] ?? 0;
            for (var j = 0; j < output.Length; j++)
            {
                sum += weights.Values[(k * output.Length) + j] * output[j];
            }

            projected[k] = (float)(clip > 0 ? Math.Clamp(sum, -clip, clip) : sum);
        }

        return projected;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
