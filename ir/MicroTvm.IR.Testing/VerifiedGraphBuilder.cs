using System.Collections.Immutable;
using MicroTvm.IR;

namespace MicroTvm.IR.Testing;

/// <summary>
/// Builds one random graph that the verifier accepts, from a recipe of choices. Each step picks
/// an available value and an op that applies to it (elementwise, broadcast with a constant or
/// another value, conv, depthwise conv, pooling, reshape, concat), makes the constants it needs,
/// and lets type inference fill in the result shape: the builder only chooses the result's
/// element type and quantization, so a declared type can never disagree with inference. A step
/// whose choices are invalid (a kernel larger than the input) falls back to relu.
/// </summary>
internal sealed class VerifiedGraphBuilder
{
    private const int MaxElements = 256;

    private static readonly OpDefinition[] FloatUnary = [Ops.Relu, Ops.Relu6, Ops.Sigmoid, Ops.Tanh, Ops.Abs, Ops.Neg, Ops.HardSwish];
    // A quantized result can only be clamped: tanh has no fused quantized form.
    private static readonly string[] QuantizedActivations = [Activations.None, Activations.Relu, Activations.Relu6, Activations.ReluN1To1];
    private static readonly OpDefinition[] QuantizedUnary = [Ops.Relu, Ops.Relu6, Ops.Sigmoid, Ops.Tanh, Ops.Abs, Ops.Neg];
    private static readonly OpDefinition[] BinaryOps = [Ops.Add, Ops.Sub, Ops.Mul, Ops.Maximum, Ops.Minimum];

    private readonly RecipeReader _recipe;
    private readonly bool _quantized;
    private readonly Random _data;
    private readonly List<Value> _inputs = [];
    private readonly List<Node> _nodes = [];
    private readonly List<Value> _available = [];
    private readonly Dictionary<string, TensorType> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private int _names;

    private VerifiedGraphBuilder(RecipeReader recipe, bool quantized)
    {
        _recipe = recipe;
        _quantized = quantized;
        _data = new Random(recipe.Next(int.MaxValue));
    }

    public static Graph Build(IReadOnlyList<int> recipe, bool? quantized, string name)
    {
        var reader = new RecipeReader(recipe);
        var isQuantized = quantized ?? reader.Chance(2);
        return new VerifiedGraphBuilder(reader, isQuantized).Run(name);
    }

    private Graph Run(string name)
    {
        var shape = ImmutableArray.Create(1, _recipe.Between(1, 6), _recipe.Between(1, 6), _recipe.Between(1, 4));
        AddInput(shape);
        if (_recipe.Chance(3))
        {
            AddInput(_recipe.Chance(2) ? shape : [1, _recipe.Between(1, 6), _recipe.Between(1, 6), _recipe.Between(1, 4)]);
        }

        var steps = _recipe.Between(1, 10);
        for (var step = 0; step < steps; step++)
        {
            var value = _recipe.Pick(_available);
            if (!Step(value))
            {
                AddNode(Ops.Relu, [value.Name], Attributes(), ActivationType(), []);
            }
        }

        var outputs = _nodes.SelectMany(n => n.Results).Where(r => !_used.Contains(r.Name) && !IsConstant(r.Name)).Select(r => r.Name);
        return new Graph(name, [.. _inputs], [.. _nodes], [.. outputs]);
    }

    private bool Step(Value value) => _recipe.Next(9) switch
    {
        0 => AddNode(_recipe.Pick(_quantized ? QuantizedUnary : FloatUnary), [value.Name], Attributes(), ActivationType(), []),
        1 => BinaryWithConstant(value),
        2 => BinaryWithValue(value),
        3 => value.Type.Rank == 4 && Conv(value),
        4 => value.Type.Rank == 4 && DepthwiseConv(value),
        5 => value.Type.Rank == 4 && Pool(value),
        6 => value.Type.Rank == 4 && AddNode(_recipe.Chance(2) ? Ops.GlobalAvgPool : Ops.GlobalMaxPool, [value.Name], Attributes(), ActivationType(), []),
        7 => Reshape(value),
        _ => Concat(value),
    };

    private bool BinaryWithConstant(Value value)
    {
        var shape = value.Type.Shape;
        ImmutableArray<int> constantShape = _recipe.Next(3) switch
        {
            0 => shape,
            1 when shape.Length > 0 => [shape[^1]],
            _ => [],
        };
        var constant = Constant(ActivationType().WithShape(constantShape));
        return AddNode(_recipe.Pick(BinaryOps), [value.Name, constant.Result.Name], Attributes(), ActivationType(), [constant]);
    }

    private bool BinaryWithValue(Value value)
    {
        var partners = _available.Where(v => v.Type.Shape.SequenceEqual(value.Type.Shape)).ToList();
        return AddNode(_recipe.Pick(BinaryOps), [value.Name, _recipe.Pick(partners).Name], Attributes(), ActivationType(), []);
    }

    private bool Conv(Value value)
    {
        var inChannels = value.Type.Shape[3];
        var groups = _recipe.Chance(3) ? inChannels : 1;
        var outChannels = groups * _recipe.Between(1, Math.Max(1, 4 / groups));
        var (kernelHeight, kernelWidth) = (_recipe.Between(1, 3), _recipe.Between(1, 3));
        var filter = Constant(WeightType([outChannels, kernelHeight, kernelWidth, inChannels / groups], axis: 0));
        var bias = _recipe.Chance(2) ? Constant(BiasType(value.Type, filter.Result.Type, outChannels, axis: 0)) : null;
        var attributes = Window(Math.Min(kernelHeight, kernelWidth)).Add("groups", new IntAttribute(groups)).Add("activation", Activation());
        return AddNode(Ops.Conv, Operands(value, filter, bias), attributes, ActivationType(), bias is null ? [filter] : [filter, bias]);
    }

    private bool DepthwiseConv(Value value)
    {
        var multiplier = _recipe.Between(1, 2);
        var channels = value.Type.Shape[3] * multiplier;
        var (kernelHeight, kernelWidth) = (_recipe.Between(1, 3), _recipe.Between(1, 3));
        var filter = Constant(WeightType([1, kernelHeight, kernelWidth, channels], axis: 3));
        var bias = _recipe.Chance(2) ? Constant(BiasType(value.Type, filter.Result.Type, channels, axis: 0)) : null;
        var attributes = Window(Math.Min(kernelHeight, kernelWidth)).Add("depth_multiplier", new IntAttribute(multiplier)).Add("activation", Activation());
        return AddNode(Ops.DepthwiseConv, Operands(value, filter, bias), attributes, ActivationType(), bias is null ? [filter] : [filter, bias]);
    }

    private bool Pool(Value value)
    {
        var kernel = _recipe.Between(1, 3);
        var attributes = Window(kernel).Add("kernel", new IntListAttribute([kernel, _recipe.Between(1, 3)]));
        var op = _recipe.Chance(2) ? Ops.AvgPool : Ops.MaxPool;

        // A quantized pool keeps its input's quantization: TFLite's kernels do not rescale.
        return AddNode(op, [value.Name], attributes, _quantized ? value.Type : ActivationType(), []);
    }

    private bool Reshape(Value value)
    {
        var count = (int)value.Type.ElementCount;
        ImmutableArray<long> shape = _recipe.Next(4) switch
        {
            0 => [count],
            1 => [1, count],
            2 => [1, 1, 1, count],
            _ => [1, count, 1, 1],
        };
        return AddNode(Ops.Reshape, [value.Name], Attributes().Add("shape", new IntListAttribute(shape)), value.Type, []);
    }

    private bool Concat(Value value)
    {
        if (value.Type.Rank == 0 || value.Type.ElementCount * 2 > MaxElements)
        {
            return false;
        }

        var axis = _recipe.Next(value.Type.Rank);
        var partners = _available
            .Where(v => v.Type.Rank == value.Type.Rank && Enumerable.Range(0, v.Type.Rank).All(d => d == axis || v.Type.Shape[d] == value.Type.Shape[d]))
            .Where(v => v.Type.ElementCount + value.Type.ElementCount <= MaxElements)
            .ToList();
        var partner = _recipe.Pick(partners);
        return AddNode(Ops.Concat, [value.Name, partner.Name], Attributes().Add("axis", new IntAttribute(axis)), ActivationType(), []);
    }

    /// <summary>Strides and symmetric padding smaller than the window, so that every output element sees some input.</summary>
    private ImmutableSortedDictionary<string, Attribute> Window(int smallestKernel)
    {
        var attributes = Attributes();
        if (_recipe.Chance(2))
        {
            attributes = attributes.Add("strides", new IntListAttribute([_recipe.Between(1, 2), _recipe.Between(1, 2)]));
        }

        var pad = _recipe.Next(smallestKernel);
        return pad == 0 ? attributes : attributes.Add("pads", new IntListAttribute([pad, pad, pad, pad]));
    }

    private StringAttribute Activation() => new(_recipe.Pick(_quantized ? QuantizedActivations : Activations.All));

    /// <summary>
    /// Adds the node (and the constants it reads) when inference accepts it and the result is
    /// neither empty nor too large; the declared placeholder fixes element type and quantization.
    /// </summary>
    private bool AddNode(OpDefinition op, string[] operands, ImmutableSortedDictionary<string, Attribute> attributes, TensorType placeholder, Node[] constants)
    {
        var name = $"v{_names++}";
        var node = new Node(op, [.. operands], [new Value(name, placeholder)], attributes);
        var types = TypeInferenceRunner.InferResultTypes(node, Lookup(constants), out _);
        if (types.IsDefault || types[0].ElementCount == 0 || types[0].ElementCount > MaxElements)
        {
            return false;
        }

        foreach (var constant in constants)
        {
            Define(constant);
        }

        Define(node.WithResults([new Value(name, types[0])]));
        foreach (var operand in operands)
        {
            _used.Add(operand);
        }

        return true;
    }

    private Func<string, TensorType?> Lookup(Node[] constants) =>
        operand => _types.GetValueOrDefault(operand) ?? constants.FirstOrDefault(c => c.Result.Name == operand)?.Result.Type;

    private void Define(Node node)
    {
        _nodes.Add(node);
        _types.Add(node.Result.Name, node.Result.Type);
        if (!IsConstant(node.Result.Name))
        {
            _available.Add(node.Result);
        }
    }

    private bool IsConstant(string value) => _nodes.Any(n => ReferenceEquals(n.Op, Ops.Constant) && n.Result.Name == value);

    private void AddInput(ImmutableArray<int> shape)
    {
        var input = new Value($"in{_inputs.Count}", ActivationType().WithShape(shape));
        _inputs.Add(input);
        _available.Add(input);
        _types.Add(input.Name, input.Type);
    }

    private static string[] Operands(Value input, Node filter, Node? bias) =>
        bias is null ? [input.Name, filter.Result.Name] : [input.Name, filter.Result.Name, bias.Result.Name];

    /// <summary>f32, or int8 with a random per-tensor quantization; the shape is a placeholder.</summary>
    private TensorType ActivationType() =>
        _quantized
            ? new TensorType(ElementType.I8, [], Quantization.PerTensor(Scale(), _recipe.Between(-128, 127)))
            : new TensorType(ElementType.F32, []);

    /// <summary>Weights are symmetric int8 (zero point 0), per tensor or per output channel.</summary>
    private TensorType WeightType(ImmutableArray<int> shape, int axis)
    {
        if (!_quantized)
        {
            return new TensorType(ElementType.F32, shape);
        }

        var quantization = _recipe.Chance(2)
            ? Quantization.PerAxis([.. Enumerable.Range(0, shape[axis]).Select(_ => Scale())], [.. Enumerable.Repeat(0L, shape[axis])], axis)
            : Quantization.PerTensor(Scale(), 0);
        return new TensorType(ElementType.I8, shape, quantization);
    }

    /// <summary>TFLite's bias: int32 with scale input_scale × filter_scale (per channel when the filter is).</summary>
    private static TensorType BiasType(TensorType input, TensorType filter, int channels, int axis)
    {
        if (input.Quantization is not { } inputQuantization || filter.Quantization is not { } filterQuantization)
        {
            return new TensorType(ElementType.F32, [channels]);
        }

        var scales = filterQuantization.Scales.Select(s => inputQuantization.Scale * s).ToImmutableArray();
        var quantization = filterQuantization.IsPerAxis
            ? Quantization.PerAxis(scales, [.. Enumerable.Repeat(0L, channels)], axis)
            : Quantization.PerTensor(scales[0], 0);
        return new TensorType(ElementType.I32, [channels], quantization);
    }

    private float Scale() => (_recipe.Between(1, 1000) / 1000f) + 0.001f;

    private Node Constant(TensorType type)
    {
        var count = (int)type.ElementCount;
        TensorData data = type.ElementType switch
        {
            ElementType.F32 => TensorData.FromSingles(type, [.. Enumerable.Range(0, count).Select(_ => (float)((_data.NextDouble() * 2) - 1))]),
            ElementType.I32 => TensorData.FromInt64s(type, [.. Enumerable.Range(0, count).Select(_ => (long)_data.Next(-1000, 1001))]),
            _ => TensorData.FromInt64s(type, [.. Enumerable.Range(0, count).Select(_ => (long)_data.Next(-127, 128))]),
        };
        return new Node(Ops.Constant, [], [new Value($"c{_names++}", type)], Attributes().Add("value", new TensorAttribute(data)));
    }

    private static ImmutableSortedDictionary<string, Attribute> Attributes() => ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
}
