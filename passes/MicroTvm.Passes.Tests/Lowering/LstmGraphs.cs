using MicroTvm.IR.Testing;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// Random one-op graphs around unidirectional_sequence_lstm: sizes, time- or batch-major layout,
/// CIFG, peepholes, projection (with or without bias), clips and the cell activation drawn from
/// the seed; the initial states are graph inputs or constants.
/// </summary>
internal static class LstmGraphs
{
    private static readonly string[] FloatActivations = [Activations.Tanh, Activations.Tanh, Activations.Relu, Activations.Relu6, Activations.ReluN1To1, Activations.None];

    public static Graph Float(Random random)
    {
        var (steps, batch, inputSize, cells) = (random.Next(1, 5), random.Next(1, 4), random.Next(1, 6), random.Next(1, 6));
        var cifg = random.Next(3) == 0;
        var peephole = random.Next(3) == 0;
        var projection = random.Next(3) == 0;
        var outputs = projection ? random.Next(1, 6) : cells;
        var timeMajor = random.Next(2) == 0;
        TensorType F32(params int[] shape) => new(ElementType.F32, [.. shape]);
        var operands = new TensorType?[24];
        operands[0] = timeMajor ? F32(steps, batch, inputSize) : F32(batch, steps, inputSize);
        for (var gate = 0; gate < 4; gate++)
        {
            var present = !(cifg && gate == 0);
            operands[1 + gate] = present ? F32(cells, inputSize) : null;
            operands[5 + gate] = present ? F32(cells, outputs) : null;
            operands[12 + gate] = present ? F32(cells) : null;
        }

        for (var p = 0; p < 3; p++)
        {
            operands[9 + p] = peephole && !(cifg && p == 0) ? F32(cells) : null;
        }

        operands[16] = projection ? F32(outputs, cells) : null;
        operands[17] = projection && random.Next(2) == 0 ? F32(outputs) : null;
        operands[18] = F32(batch, outputs);
        operands[19] = F32(batch, cells);
        var result = timeMajor ? F32(steps, batch, outputs) : F32(batch, steps, outputs);
        var attributes = Attributes()
            .Add("activation", new StringAttribute(FloatActivations[random.Next(FloatActivations.Length)]))
            .Add("cell_clip", new FloatAttribute(random.Next(2) == 0 ? 0 : random.Next(1, 30) / 10.0))
            .Add("proj_clip", new FloatAttribute(projection && random.Next(2) == 0 ? random.Next(1, 30) / 10.0 : 0))
            .Add("time_major", new BoolAttribute(timeMajor));
        return Build(random, operands, result, attributes, statesAsInputs: random.Next(2) == 0);
    }

    /// <summary>
    /// An LSTM of TFLite Micro's integer form: int8 input, weights and output, int32 biases of about
    /// ±1 in real terms, an int16 cell state with a scale of 2^−11 … 2^−15, random scales, zero
    /// points and cell clip.
    /// </summary>
    public static Graph Int8(Random random)
    {
        var (steps, batch, inputSize, cells) = (random.Next(1, 5), random.Next(1, 4), random.Next(1, 6), random.Next(1, 6));
        var timeMajor = random.Next(2) == 0;
        TensorType I8(float scale, long zero, params int[] shape) => new(ElementType.I8, [.. shape], Quantization.PerTensor(scale, zero));
        float Scale(double low, double high) => (float)(low + (random.NextDouble() * (high - low)));
        var (inputScale, hiddenScale) = (Scale(0.004, 0.05), Scale(0.004, 0.02));
        var (inputZero, hiddenZero) = (random.Next(-128, 128), random.Next(-20, 21));
        var operands = new TensorType?[24];
        operands[0] = timeMajor ? I8(inputScale, inputZero, steps, batch, inputSize) : I8(inputScale, inputZero, batch, steps, inputSize);
        for (var gate = 0; gate < 4; gate++)
        {
            var (inputWeightScale, recurrentWeightScale) = (Scale(0.002, 0.02), Scale(0.002, 0.02));
            operands[1 + gate] = I8(inputWeightScale, 0, cells, inputSize);
            operands[5 + gate] = I8(recurrentWeightScale, 0, cells, cells);
            operands[12 + gate] = new TensorType(ElementType.I32, [cells], Quantization.PerTensor(inputScale * inputWeightScale, 0));
        }

        operands[18] = I8(hiddenScale, hiddenZero, batch, cells);
        operands[19] = new TensorType(ElementType.I16, [batch, cells], Quantization.PerTensor(MathF.Pow(2, -random.Next(11, 16)), 0));
        var result = timeMajor ? I8(hiddenScale, hiddenZero, steps, batch, cells) : I8(hiddenScale, hiddenZero, batch, steps, cells);
        var attributes = Attributes()
            .Add("activation", new StringAttribute(Activations.Tanh))
            .Add("cell_clip", new FloatAttribute(random.Next(2) == 0 ? 0 : random.Next(1, 80) / 10.0))
            .Add("proj_clip", new FloatAttribute(0))
            .Add("time_major", new BoolAttribute(timeMajor));
        return Build(random, operands, result, attributes, statesAsInputs: random.Next(2) == 0, (i, type) => i is >= 12 and <= 15
            ? TensorData.FromInt64s(type, [.. Enumerable.Range(0, (int)type.ElementCount).Select(_ => (long)(((random.NextDouble() * 2) - 1) / type.Quantization!.Scale))])
            : RandomTensors.For(type, random));
    }

    /// <summary>The graph: operand 0 (and the states, if asked) as inputs, every other present operand a constant (random unless <paramref name="constant"/> says).</summary>
    public static Graph Build(
        Random random, TensorType?[] operands, TensorType result, ImmutableSortedDictionary<string, IR.Attribute> attributes, bool statesAsInputs,
        Func<int, TensorType, TensorData>? constant = null)
    {
        constant ??= (_, type) => RandomTensors.For(type, random);
        var inputs = new List<Value>();
        var nodes = new List<Node>();
        var names = new string[operands.Length];
        for (var i = 0; i < operands.Length; i++)
        {
            if (operands[i] is not { } type)
            {
                names[i] = string.Empty;
                continue;
            }

            names[i] = $"op{i}";
            if (i == 0 || (statesAsInputs && i is 18 or 19))
            {
                inputs.Add(new Value(names[i], type));
            }
            else
            {
                nodes.Add(new Node(Ops.Constant, [], [new Value(names[i], type)], Attributes().Add("value", new TensorAttribute(RandomTensors.For(type, random)))));
            }
        }

        nodes.Add(new Node(Ops.UnidirectionalSequenceLstm, [.. names], [new Value("y", result)], attributes));
        return new Graph("lstm", [.. inputs], [.. nodes], ["y"]);
    }

    public static ImmutableSortedDictionary<string, IR.Attribute> Attributes() => ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal);
}
