using Attribute = MicroTvm.IR.Attribute;

namespace MicroTvm.Passes;

/// <summary>
/// The QDQ matching and rewriting of one graph for <see cref="LegalizeQuantizedPass"/>: a mutable
/// node list, one attempt per <c>quantize</c> node, and the reason of every pattern it refuses.
/// </summary>
internal sealed class QdqRewriter(Graph graph)
{
    private static readonly HashSet<OpDefinition> Products = [Ops.Conv, Ops.DepthwiseConv, Ops.FullyConnected, Ops.MatMul];
    private static readonly HashSet<OpDefinition> PassThrough = [Ops.MaxPool, Ops.Reshape, Ops.Transpose, Ops.Concat];

    private readonly List<Node> _nodes = [.. graph.Nodes];
    private readonly HashSet<string> _outputs = new(graph.Outputs, StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(graph.Nodes.SelectMany(n => n.Results).Select(r => r.Name).Concat(graph.Inputs.Select(i => i.Name)), StringComparer.Ordinal);

    public int Legalized { get; private set; }

    public List<(Node Node, string Reason)> Rejections { get; } = [];

    public Graph Run()
    {
        foreach (var quantize in _nodes.Where(n => ReferenceEquals(n.Op, Ops.Quantize)).ToList())
        {
            var reason = TryRewrite(quantize, out var subject);
            if (reason is not null && subject is not null)
            {
                Rejections.Add((subject, reason));
            }
        }

        RemoveDead();
        return graph.WithNodes([.. _nodes]);
    }

    /// <summary>Null when rewritten or not a QDQ pattern (then <paramref name="subject"/> is null too); else why not.</summary>
    private string? TryRewrite(Node quantize, out Node? subject)
    {
        subject = null;
        var producer = Producer(quantize.Operands[0]);
        Node? activation = null;
        if (producer is not null && (ReferenceEquals(producer.Op, Ops.Relu) || ReferenceEquals(producer.Op, Ops.Relu6) || ReferenceEquals(producer.Op, Ops.Clip)))
        {
            activation = producer;
            producer = Producer(producer.Operands[0]);
        }

        if (producer is null || !producer.Operands.Any(o => IsDequantize(Producer(o))))
        {
            return null;
        }

        subject = producer;
        if (Products.Contains(producer.Op))
        {
            return Product(quantize, activation, producer);
        }

        if (PassThrough.Contains(producer.Op) && activation is null)
        {
            return Through(quantize, producer);
        }

        subject = null;
        return null;
    }

    private string? Product(Node quantize, Node? activationNode, Node op)
    {
        var output = quantize.Result.Type;
        if (output.Quantization is not { IsPerAxis: false } || output.ElementType is not (ElementType.I8 or ElementType.U8))
        {
            return $"its quantize gives {output}, not per-tensor int8/uint8";
        }

        if (!SoleUse(op, activationNode ?? quantize) || (activationNode is not null && !SoleUse(activationNode, quantize)))
        {
            return "its float result has other users";
        }

        if (activationNode is not null && op.Op.FindAttribute("activation") is null)
        {
            return $"'{op.Op.Name}' has no fused activation to take the {activationNode.Op.Name}";
        }

        if (Activation(op, activationNode) is not { } activation)
        {
            return "the activation before the quantize is not relu, relu6 or relu_n1_to_1, or the op already has one";
        }

        if (Dequantized(op.Operands[0]) is not { } input || input.Type.Quantization is not { IsPerAxis: false } inputQuantization
            || input.Type.ElementType is not (ElementType.I8 or ElementType.U8))
        {
            return "its input is not a dequantized per-tensor int8/uint8 tensor";
        }

        if (Dequantized(op.Operands[1]) is not { } weights || !IsConstant(Producer(weights.Name))
            || weights.Type.ElementType is not (ElementType.I8 or ElementType.U8) || weights.Type.Quantization is not { } weightQuantization)
        {
            return "its weights are not a dequantized int8/uint8 constant";
        }

        var channelAxis = ReferenceEquals(op.Op, Ops.Conv) || ReferenceEquals(op.Op, Ops.FullyConnected) ? 0 : weights.Type.Rank - 1;
        if (weightQuantization.Axis is { } axis && (axis != channelAxis || weightQuantization.ZeroPoints.Any(z => z != 0)))
        {
            return $"its weights are quantized along axis {axis} with zero points [{string.Join(", ", weightQuantization.ZeroPoints)}]: "
                + $"per-axis weights must be symmetric along the output-channel axis {channelAxis}";
        }

        var channels = weights.Type.Shape[channelAxis];
        var biasScales = Enumerable.Range(0, channels)
            .Select(c => inputQuantization.Scale * weightQuantization.Scales[weightQuantization.IsPerAxis ? c : 0]).ToArray();
        var operands = new List<string> { input.Name, weights.Name };
        var before = new List<Node>();
        if (op.HasOperand(2))
        {
            var bias = Bias(op.Operands[2], biasScales, weightQuantization.IsPerAxis, out var biasReason);
            if (bias is null)
            {
                return biasReason;
            }

            before.Add(bias);
            operands.Add(bias.Result.Name);
        }

        var attributes = op.Attributes.SetItem("rounding", new StringAttribute("half_even")).Remove("activation");
        if (op.Op.FindAttribute("activation") is not null && activation != Activations.None)
        {
            attributes = attributes.SetItem("activation", new StringAttribute(activation));
        }

        before.Add(new Node(op.Op, [.. operands], [quantize.Result], attributes, op.Location));
        Replace(quantize, before);
        Legalized++;
        return null;
    }

    /// <summary>The int32 bias constant with scales input·weight scale, or null with the reason.</summary>
    private Node? Bias(string operand, float[] scales, bool perAxis, out string reason)
    {
        reason = string.Empty;
        var quantization = perAxis
            ? Quantization.PerAxis([.. scales], [.. scales.Select(_ => 0L)], 0)
            : Quantization.PerTensor(scales[0], 0);
        var type = new TensorType(ElementType.I32, [scales.Length], quantization);
        long[] values;
        if (Dequantized(operand) is { } stored && IsConstant(Producer(stored.Name)))
        {
            var q = stored.Type.Quantization!;
            for (var c = 0; c < scales.Length; c++)
            {
                var (scale, zero) = (q.Scales[q.IsPerAxis ? c : 0], q.ZeroPoints[q.IsPerAxis ? c : 0]);
                if (stored.Type.ElementType != ElementType.I32 || zero != 0 || Math.Abs(scale - scales[c]) > 1e-6 * scales[c])
                {
                    reason = $"its bias is {stored.Type.ElementType.Mnemonic()} with scale {scale} and zero point {zero}, "
                        + $"not int32 with input_scale·weight_scale = {scales[c]} and zero point 0";
                    return null;
                }
            }

            values = ConstantData(stored.Name).ToInt64s();
        }
        else if (IsConstant(Producer(operand)) && ConstantData(operand) is { Type.ElementType: ElementType.F32 } floats)
        {
            values = new long[scales.Length];
            for (var c = 0; c < scales.Length; c++)
            {
                var real = floats.GetSingle(c);
                var q = Math.Round(real / (double)scales[c], MidpointRounding.ToEven);
                if (Math.Abs(q) > int.MaxValue || (float)(q * scales[c]) != real)
                {
                    reason = $"its float bias {real} is not an exact multiple of input_scale·weight_scale = {scales[c]}";
                    return null;
                }

                values[c] = (long)q;
            }
        }
        else
        {
            reason = "its bias is neither a dequantized int32 constant nor a float constant";
            return null;
        }

        var name = Fresh(operand + ".q");
        return new Node(Ops.Constant, [], [new Value(name, type)],
            ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal).Add("value", new TensorAttribute(TensorData.FromInt64s(type, values))));
    }

    private string? Through(Node quantize, Node op)
    {
        var target = quantize.Result.Type.Quantization;
        if (!SoleUse(op, quantize))
        {
            return "its float result has other users";
        }

        if (op.GetAttribute("activation") is StringAttribute { Value: not Activations.None })
        {
            return "it has a fused activation";
        }

        var operands = new List<string>();
        foreach (var operand in op.Operands)
        {
            if (Dequantized(operand) is not { } stored || !Equals(stored.Type.Quantization, target) || target!.IsPerAxis
                || stored.Type.ElementType != quantize.Result.Type.ElementType)
            {
                return $"operand %{operand} is not dequantized from the quantize's own type {quantize.Result.Type}";
            }

            operands.Add(stored.Name);
        }

        Replace(quantize, [new Node(op.Op, [.. operands], [quantize.Result], op.Attributes, op.Location)]);
        Legalized++;
        return null;
    }

    /// <summary>The quantized activation the float op and the node after it amount to; null when none applies.</summary>
    private static string? Activation(Node op, Node? activation)
    {
        var fused = op.GetAttribute("activation") is StringAttribute { Value: var value } ? value : Activations.None;
        if (activation is null)
        {
            return fused is Activations.None or Activations.Relu or Activations.Relu6 or Activations.ReluN1To1 ? fused : null;
        }

        if (fused != Activations.None)
        {
            return null;
        }

        if (ReferenceEquals(activation.Op, Ops.Relu))
        {
            return Activations.Relu;
        }

        if (ReferenceEquals(activation.Op, Ops.Relu6))
        {
            return Activations.Relu6;
        }

        return (activation.GetFloat("min"), activation.GetFloat("max")) switch
        {
            (0, double.PositiveInfinity) => Activations.Relu,
            (0, 6) => Activations.Relu6,
            (-1, 1) => Activations.ReluN1To1,
            _ => null,
        };
    }

    private Value? Dequantized(string operand) =>
        Producer(operand) is { } node && IsDequantize(node) ? Value(node.Operands[0]) : null;

    private Value? Value(string name) =>
        Producer(name)?.Results.First(r => r.Name == name) ?? graph.Inputs.FirstOrDefault(i => i.Name == name);

    private TensorData ConstantData(string name) => Producer(name)!.GetTensor("value");

    private Node? Producer(string name) => name.Length == 0 ? null : _nodes.FirstOrDefault(n => n.Results.Any(r => r.Name == name));

    private bool SoleUse(Node node, Node user) =>
        !_outputs.Contains(node.Result.Name) && _nodes.All(n => ReferenceEquals(n, user) || !n.Operands.Contains(node.Result.Name));

    private static bool IsDequantize(Node? node) => node is not null && ReferenceEquals(node.Op, Ops.Dequantize);

    private static bool IsConstant(Node? node) => node is not null && ReferenceEquals(node.Op, Ops.Constant);

    private void Replace(Node old, List<Node> replacement)
    {
        var at = _nodes.IndexOf(old);
        _nodes.RemoveAt(at);
        _nodes.InsertRange(at, replacement);
    }

    private string Fresh(string stem)
    {
        var name = stem;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{stem}.{i}";
        }

        return name;
    }

    /// <summary>Erases the float ops, dequantizes and constants the rewrites left without readers.</summary>
    private void RemoveDead()
    {
        bool removed;
        do
        {
            var used = _nodes.SelectMany(n => n.Operands).ToHashSet(StringComparer.Ordinal);
            removed = _nodes.RemoveAll(n => n.Results.Length > 0 && n.Results.All(r => !used.Contains(r.Name) && !_outputs.Contains(r.Name))
                && (IsDequantize(n) || IsConstant(n) || Products.Contains(n.Op) || PassThrough.Contains(n.Op)
                    || ReferenceEquals(n.Op, Ops.Relu) || ReferenceEquals(n.Op, Ops.Relu6) || ReferenceEquals(n.Op, Ops.Clip))) > 0;
        }
        while (removed);
    }
}
