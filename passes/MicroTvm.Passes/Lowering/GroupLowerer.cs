using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Lowers one graph (a fused group, or a one-op graph around a plain op) to one kernel.
/// <code>
///   for every output:  for i0 … for ik over its shape   (extent-1 dimensions are not loops)
///                        out[linear(i)] = ValueAt(output, i)
///
///   ValueAt(v, i) = load of v's buffer              v is a group input or constant
///                 = rule(v's node, i)               else: the node's element rule, which reads
///                                                   its operands through ValueAt again
/// </code>
/// So an anchor (conv, depthwise, fully_connected, pooling, reductions) is an element rule with
/// an inner accumulation loop, and its fused consumers (bias, activation, requantize,
/// elementwise ops) wrap its value inside the same loop nest: the epilogue. Injective ops remap
/// the index (reshape unravels, transpose permutes, pad clamps and selects). Each computed value
/// is bound to a local and memoised per (value, index) within its scope, so a diamond computes
/// the shared producer once per element. Ops whose elements need a whole row (softmax) have a
/// <see cref="RootRule"/> instead and must be the group's only output. The parameters are the
/// group inputs, then constants in order of first use, then the outputs, then the workspaces
/// (scratch buffers, e.g. an LSTM's recurrent state) that some rules ask for.
/// </summary>
internal sealed partial class GroupLowerer
{
    private readonly Dictionary<string, KernelBuffer> _buffers = new(StringComparer.Ordinal);
    private readonly List<(KernelBuffer Buffer, KernelBinding Binding)> _constants = [];
    private readonly List<KernelBuffer> _workspaces = [];
    private readonly Dictionary<string, KernelBuffer> _tables = new(StringComparer.Ordinal);

    private GroupLowerer(Graph graph, DspWeightLayout dspWeights)
    {
        Graph = graph;
        DspWeights = dspWeights;
    }

    public Graph Graph { get; }

    /// <summary>How scheduled convolutions store weights for the dual multiply-accumulate (lower-to-kernels' <c>dsp-weights</c>).</summary>
    public DspWeightLayout DspWeights { get; }

    public KernelBuilder Builder { get; } = new();

    /// <summary>Lowers <paramref name="graph"/> to a kernel named <paramref name="kernelName"/>, or names the node it cannot lower.</summary>
    public static LoweringResult Lower(Graph graph, string kernelName, DspWeightLayout dspWeights = default)
    {
        var lowerer = new GroupLowerer(graph, dspWeights);
        try
        {
            return LoweringResult.Success(lowerer.Run(kernelName));
        }
        catch (LoweringUnsupportedException unsupported)
        {
            return LoweringResult.Unsupported(unsupported.Node, unsupported.Message);
        }
    }

    public TensorType TypeOf(string value) =>
        Graph.Index.FindValue(value)?.Type ?? throw new InvalidOperationException($"graph '{Graph.Name}' has no value '{value}'");

    /// <summary>The register value of <paramref name="value"/> at <paramref name="index"/>.</summary>
    public Expr ValueAt(string value, ImmutableArray<Expr> index)
    {
        var key = IndexMath.Key(value, index);
        if (Builder.TryRecall(key, out var known))
        {
            return known;
        }

        var computed = Compute(value, index);
        Builder.Remember(key, computed);
        return computed;
    }

    /// <summary>The element at a flat (row-major) index of <paramref name="value"/>.</summary>
    public Expr ValueAtLinear(string value, Expr linear) =>
        SourceBuffer(value) is { } buffer
            ? Registers.Widen(new Load(buffer, linear))
            : ValueAt(value, IndexMath.Unravel(linear, TypeOf(value).Shape));

    /// <summary>
    /// Per-channel compile-time integers read at <paramref name="channel"/>: an immediate when they
    /// are all equal, else a new constant buffer.
    /// </summary>
    public Expr PerChannel(string hint, IReadOnlyList<long> values, Expr channel, ElementType type = ElementType.I32) =>
        PerChannelTable(hint, values, type)(channel);

    /// <summary>
    /// Per-channel compile-time integers as a function of the channel, for reading them at several
    /// channels: an immediate when they are all equal, else loads of one new constant buffer.
    /// </summary>
    public Func<Expr, Expr> PerChannelTable(string hint, IReadOnlyList<long> values, ElementType type = ElementType.I32)
    {
        if (values.All(v => v == values[0]))
        {
            var immediate = Imm(values[0], Registers.Of(type));
            return _ => immediate;
        }

        var data = TensorData.FromInt64s(new TensorType(type, [values.Count]), [.. values]);
        var buffer = new KernelBuffer(Builder.FreshName(hint), type, values.Count, BufferRole.Constant);
        _constants.Add((buffer, new KernelBinding.Computed(hint, data)));
        return channel => Registers.Widen(new Load(buffer, channel));
    }

    /// <summary>The kernel input buffer of a group input value; null for values computed in the group and for constants.</summary>
    public KernelBuffer? GroupInputBuffer(string value) =>
        _buffers.TryGetValue(value, out var buffer) && buffer.Role == BufferRole.Input ? buffer : null;

    /// <summary>The elements of a value produced by a constant node of the group, as integers; null for anything else.</summary>
    public long[]? ConstantValues(string value) =>
        Producer(value) is { } node && ReferenceEquals(node.Op, Ops.Constant) && node.GetAttribute("value") is TensorAttribute tensor
            ? tensor.Value.ToInt64s()
            : null;

    /// <summary>The schedule a scheduled lowering chose for this kernel (recorded on its kernel_call); null for the element-rule lowering.</summary>
    public string? Schedule { get; set; }

    /// <summary>Per-channel compile-time floats read at <paramref name="channel"/>: an immediate when all equal, else a constant buffer.</summary>
    public Expr PerChannelFloat(string hint, IReadOnlyList<float> values, Expr channel)
    {
        if (values.All(v => v.Equals(values[0])))
        {
            return F32(values[0]);
        }

        var data = TensorData.FromSingles(new TensorType(ElementType.F32, [values.Count]), [.. values]);
        var buffer = new KernelBuffer(Builder.FreshName(hint), ElementType.F32, values.Count, BufferRole.Constant);
        _constants.Add((buffer, new KernelBinding.Computed(hint, data)));
        return new Load(buffer, channel);
    }

    /// <summary>A constant buffer of compile-time integers (a look-up table), made once per hint however often it is asked for.</summary>
    public KernelBuffer Table(string hint, ElementType type, IReadOnlyList<long> values)
    {
        if (_tables.TryGetValue(hint, out var known))
        {
            return known;
        }

        var data = TensorData.FromInt64s(new TensorType(type, [values.Count]), [.. values]);
        var buffer = new KernelBuffer(Builder.FreshName(hint), type, values.Count, BufferRole.Constant);
        _constants.Add((buffer, new KernelBinding.Computed(hint, data)));
        _tables[hint] = buffer;
        return buffer;
    }

    /// <summary>A scratch buffer private to one call of the kernel (uninitialised on entry), made a parameter after the outputs.</summary>
    public KernelBuffer Workspace(string hint, ElementType type, int count)
    {
        var buffer = new KernelBuffer(Builder.FreshName(hint), type, count, BufferRole.Workspace);
        _workspaces.Add(buffer);
        return buffer;
    }

    /// <summary>The stored value minus its zero point (per channel along the quantized axis), as an i32.</summary>
    public Expr Shifted(string value, ImmutableArray<Expr> index)
    {
        var element = ValueAt(value, index);
        if (TypeOf(value).Quantization is not { } quantization)
        {
            return element;
        }

        var zero = quantization.Axis is { } axis && quantization.ZeroPoints.Length > 1
            ? PerChannel(value + "_zero_points", quantization.ZeroPoints, index[axis])
            : I32((int)quantization.ZeroPoints[0]);
        return zero is IntImm { Value: var constant } ? QuantizedArithmeticLowering.Minus(element, constant) : Sub(element, zero);
    }

    public Node? Producer(string value) => Graph.Index.Producer(value);

    private LoweredKernel Run(string kernelName)
    {
        var inputs = new List<KernelBuffer>();
        for (var i = 0; i < Graph.Inputs.Length; i++)
        {
            var input = Graph.Inputs[i];
            var buffer = new KernelBuffer(Builder.FreshName(input.Name), input.Type.ElementType, Count(input.Type, null), BufferRole.Input);
            _buffers[input.Name] = buffer;
            inputs.Add(buffer);
        }

        var outputs = new List<KernelBuffer>();
        foreach (var name in Graph.Outputs)
        {
            var type = TypeOf(name);
            var buffer = new KernelBuffer(Builder.FreshName(name), type.ElementType, Count(type, Producer(name)), BufferRole.Output);
            outputs.Add(buffer);
            LowerOutput(name, buffer);
        }

        var parameters = inputs.Concat(_constants.Select(c => c.Buffer)).Concat(outputs).Concat(_workspaces).ToImmutableArray();
        var bindings = Enumerable.Range(0, inputs.Count).Select(i => (KernelBinding)new KernelBinding.Input(i))
            .Concat(_constants.Select(c => c.Binding))
            .Concat(Enumerable.Range(0, outputs.Count).Select(i => new KernelBinding.Output(i)))
            .Concat(_workspaces.Select(_ => new KernelBinding.Scratch()))
            .ToImmutableArray();
        var function = new KernelFunction(kernelName, parameters, Builder.Finish());
        return new LoweredKernel(function, bindings, Graph.Nodes.Sum(node => MacCount.Of(Graph, node))) { Schedule = Schedule };
    }

    private void LowerOutput(string name, KernelBuffer buffer)
    {
        var producer = Producer(name);
        if (producer is not null && OpRules.Roots.TryGetValue(producer.Op, out var root))
        {
            root(this, producer, buffer);
            return;
        }

        if (producer is not null && ScheduledConvolution.TryLower(this, producer, name, buffer))
        {
            return;
        }

        var shape = TypeOf(name).Shape;
        LoopNest(shape, index =>
        {
            var value = ValueAt(name, index);
            Builder.Emit(new Store(buffer, IndexMath.Linear(index, shape), Registers.Narrow(buffer.ElementType, value)));
        });
    }

    /// <summary>Loops over every index of <paramref name="shape"/>, outermost dimension first.</summary>
    public void LoopNest(ImmutableArray<int> shape, Action<ImmutableArray<Expr>> body, string prefix = "i") =>
        LoopNest(shape, 0, [], body, prefix);

    private void LoopNest(ImmutableArray<int> shape, int dimension, ImmutableArray<Expr> outer, Action<ImmutableArray<Expr>> body, string prefix)
    {
        if (dimension == shape.Length)
        {
            body(outer);
            return;
        }

        Builder.Loop($"{prefix}{dimension}", shape[dimension], index => LoopNest(shape, dimension + 1, outer.Add(index), body, prefix));
    }

    private Expr Compute(string value, ImmutableArray<Expr> index)
    {
        if (SourceBuffer(value) is { } buffer)
        {
            return Registers.Widen(new Load(buffer, IndexMath.Linear(index, TypeOf(value).Shape)));
        }

        var node = Producer(value) ?? throw new InvalidOperationException($"value '{value}' has no producer");
        if (!OpRules.Elements.TryGetValue(node.Op, out var rule))
        {
            throw new LoweringUnsupportedException(node, OpRules.Roots.ContainsKey(node.Op)
                ? "its elements need whole rows, so it must be the only output of its group"
                : "lower-to-kernels has no lowering for this op yet");
        }

        if (node.Results.Length != 1)
        {
            throw new LoweringUnsupportedException(node, "ops with several results are not lowered yet");
        }

        return Builder.Bind(value, rule(this, node, index));
    }

    /// <summary>The buffer a value is read from directly: a group input, or a constant (made a parameter on first use).</summary>
    private KernelBuffer? SourceBuffer(string value)
    {
        if (_buffers.TryGetValue(value, out var buffer))
        {
            return buffer;
        }

        if (Producer(value) is not { } node || !ReferenceEquals(node.Op, Ops.Constant))
        {
            return null;
        }

        var type = node.Result.Type;
        buffer = new KernelBuffer(Builder.FreshName(value), type.ElementType, Count(type, node), BufferRole.Constant);
        _buffers[value] = buffer;
        _constants.Add((buffer, new KernelBinding.Constant(node)));
        return buffer;
    }

    private static int Count(TensorType type, Node? node) => type.ElementCount is >= 1 and <= int.MaxValue
        ? (int)type.ElementCount
        : throw new LoweringUnsupportedException(node ?? new Node(Ops.Constant, [], []), $"a tensor of {type.ElementCount} elements has no kernel buffer");
}
