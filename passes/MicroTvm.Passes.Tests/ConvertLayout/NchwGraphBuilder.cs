using MicroTvm.IR.Text;
using Attribute = MicroTvm.IR.Attribute;

namespace MicroTvm.Passes.Tests.ConvertLayout;

/// <summary>
/// Random float graphs shaped as the ONNX importer emits NCHW CNNs: NCHW graph inputs and
/// outputs, every layout-sensitive op (conv, depthwise conv, pooling) between a transpose-in
/// (one per value) and a transpose-out, and NCHW ops in between: activations, adds and muls with
/// [C,1,1] or scalar constants or with other values, concat and softmax over channels, pads,
/// spatial means, and sometimes a flatten into a matmul. A graph is a function of its seed and
/// step count, so a failure replays from those two numbers.
/// </summary>
internal sealed class NchwGraphBuilder
{
    private const int MaxElements = 512;

    private readonly Random _random;
    private readonly List<Value> _inputs = [];
    private readonly List<Node> _nodes = [];
    private readonly List<Value> _available = [];
    private readonly Dictionary<string, TensorType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _channelsLast = new(StringComparer.Ordinal);
    private int _names;

    private NchwGraphBuilder(int seed) => _random = new Random(seed);

    public static Module Build(int seed, int steps)
    {
        var builder = new NchwGraphBuilder(seed);
        return new Module([builder.Run(steps)]);
    }

    public static string Describe(int seed, int steps) =>
        $"NchwGraphBuilder.Build({seed}, {steps})\n{ModulePrinter.Print(Build(seed, steps))}";

    private Graph Run(int steps)
    {
        var shape = ImmutableArray.Create(1, Between(1, 4), Between(2, 6), Between(2, 6));
        AddInput(shape);
        if (_random.Next(3) == 0)
        {
            AddInput(shape);
        }

        for (var step = 0; step < steps; step++)
        {
            var value = _available[_random.Next(_available.Count)];
            if (!Step(value))
            {
                Emit(Ops.Relu, [value.Name], None);
            }
        }

        if (_random.Next(3) == 0 && _available[^1].Type.Rank == 4)
        {
            Flatten(_available[^1]);
        }

        var used = _nodes.SelectMany(n => n.Operands).ToHashSet(StringComparer.Ordinal);
        var outputs = _available.Skip(_inputs.Count).Where(v => !used.Contains(v.Name)).Select(v => v.Name).ToList();
        return new Graph("main", [.. _inputs], [.. _nodes], outputs.Count > 0 ? [.. outputs] : [_available[^1].Name]);
    }

    private bool Step(Value value)
    {
        var rank4 = value.Type.Rank == 4;
        var channels = rank4 ? value.Type.Shape[1] : 0;
        switch (_random.Next(11))
        {
            case 0:
                return Emit(Pick(Ops.Relu, Ops.Sigmoid, Ops.Tanh, Ops.Neg), [value.Name], None) is not null;
            case 1 when rank4:
                var bias = Constant([channels, 1, 1]);
                return Emit(Pick(Ops.Add, Ops.Mul, Ops.Sub), _random.Next(2) == 0 ? [value.Name, bias] : [bias, value.Name], None) is not null;
            case 2:
                return Emit(Pick(Ops.Add, Ops.Maximum), [value.Name, Constant([])], None) is not null;
            case 3:
                var partner = Partner(value, v => v.Type.Shape.SequenceEqual(value.Type.Shape));
                return partner is not null && Emit(Pick(Ops.Add, Ops.Mul), [value.Name, partner.Name], None) is not null;
            case 4 when rank4:
                return Conv(value);
            case 5 when rank4:
                return Spatial(value, Pick(Ops.MaxPool, Ops.AvgPool), Pool());
            case 6 when rank4:
                var other = Partner(value, v => v.Type.Rank == 4 && v.Type.Shape[2] == value.Type.Shape[2] && v.Type.Shape[3] == value.Type.Shape[3]);
                return other is not null && Emit(Ops.Concat, [value.Name, other.Name], Attrs(("axis", new IntAttribute(1)))) is not null;
            case 7 when rank4:
                return Emit(Ops.Softmax, [value.Name], Attrs(("axis", new IntAttribute(1)))) is not null;
            case 8 when rank4:
                var (h, w) = (Between(0, 1), Between(0, 1));
                return Emit(Ops.Pad, [value.Name], Attrs(("pads", new IntListAttribute([0, 0, h, w, 0, 0, w, h])))) is not null;
            case 9 when rank4:
                return Emit(Ops.Mean, [value.Name], Attrs(("axes", new IntListAttribute([2, 3])), ("keepdims", new BoolAttribute(true)))) is not null;
            case 10 when rank4:
                return Spatial(value, Ops.DepthwiseConv, Attrs(("depth_multiplier", new IntAttribute(1))), Constant([1, 3, 3, channels]));
            default:
                return false;
        }
    }

    private bool Conv(Value value)
    {
        var kernel = Between(1, 3);
        var filter = Constant([Between(1, 4), kernel, kernel, value.Type.Shape[1]]);
        var pad = kernel / 2;
        return Spatial(value, Ops.Conv, Attrs(("pads", new IntListAttribute([pad, pad, pad, pad]))), filter);
    }

    private ImmutableSortedDictionary<string, Attribute> Pool()
    {
        var kernel = Between(1, 2);
        return Attrs(("kernel", new IntListAttribute([kernel, kernel])), ("strides", new IntListAttribute([kernel, kernel])));
    }

    /// <summary>A channels-last op between the importer's transposes (the transpose-in shared per value).</summary>
    private bool Spatial(Value value, OpDefinition op, ImmutableSortedDictionary<string, Attribute> attributes, params string[] weights)
    {
        if (!_channelsLast.TryGetValue(value.Name, out var nhwc))
        {
            var transposed = Emit(Ops.Transpose, [value.Name], Attrs(("perm", new IntListAttribute([0, 2, 3, 1])))) ?? throw new InvalidOperationException("transpose-in");
            _available.Remove(transposed);
            _channelsLast[value.Name] = nhwc = transposed.Name;
        }

        var result = Emit(op, [nhwc, .. weights], attributes);
        if (result is null)
        {
            return false;
        }

        _available.Remove(result);
        return Emit(Ops.Transpose, [result.Name], Attrs(("perm", new IntListAttribute([0, 3, 1, 2])))) is not null;
    }

    private void Flatten(Value value)
    {
        var count = (int)value.Type.ElementCount;
        var flat = Emit(Ops.Reshape, [value.Name], Attrs(("shape", new IntListAttribute([1, count]))));
        if (flat is not null)
        {
            Emit(Ops.MatMul, [flat.Name, Constant([count, Between(1, 3)])], None);
        }
    }

    private Value? Partner(Value value, Func<Value, bool> fits)
    {
        var partners = _available.Where(fits).ToList();
        return partners.Count == 0 ? null : partners[_random.Next(partners.Count)];
    }

    private Value? Emit(OpDefinition op, string[] operands, ImmutableSortedDictionary<string, Attribute> attributes)
    {
        var node = new Node(op, [.. operands], [new Value($"v{_names++}", new TensorType(ElementType.F32, []))], attributes);
        var types = TypeInferenceRunner.InferResultTypes(node, name => _types.GetValueOrDefault(name), out _);
        if (types.IsDefault || types[0].ElementCount == 0 || types[0].ElementCount > MaxElements)
        {
            return null;
        }

        var result = new Value(node.Result.Name, types[0]);
        _nodes.Add(node.WithResults([result]));
        _types[result.Name] = result.Type;
        _available.Add(result);
        return result;
    }

    private string Constant(int[] shape)
    {
        var type = new TensorType(ElementType.F32, [.. shape]);
        var values = Enumerable.Range(0, (int)type.ElementCount).Select(_ => (float)Math.Round((_random.NextDouble() * 2) - 1, 2)).ToArray();
        var name = $"c{_names++}";
        _nodes.Add(new Node(Ops.Constant, [], [new Value(name, type)], Attrs(("value", new TensorAttribute(TensorData.FromSingles(type, values))))));
        _types[name] = type;
        return name;
    }

    private void AddInput(ImmutableArray<int> shape)
    {
        var input = new Value($"in{_inputs.Count}", new TensorType(ElementType.F32, shape));
        _inputs.Add(input);
        _available.Add(input);
        _types[input.Name] = input.Type;
    }

    private int Between(int low, int high) => _random.Next(low, high + 1);

    private OpDefinition Pick(params OpDefinition[] ops) => ops[_random.Next(ops.Length)];

    private static ImmutableSortedDictionary<string, Attribute> None => Attrs();

    private static ImmutableSortedDictionary<string, Attribute> Attrs(params (string Name, Attribute Value)[] attributes) =>
        attributes.ToImmutableSortedDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
}
