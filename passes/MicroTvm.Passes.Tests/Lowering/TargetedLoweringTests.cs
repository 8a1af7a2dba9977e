using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// Targeted random cases for the anchors: int8 conv (groups, strides, dilations, asymmetric
/// padding, per-channel filter scales, negative zero points, relu6), depthwise (multiplier) and
/// fully_connected, each followed by a fused quantized add: the kernel is bit-exact with the interpreter.
/// </summary>
public sealed class TargetedLoweringTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(120);

    [Fact]
    public void QuantizedConvolutionsAreBitExact() =>
        Check.One(Config, Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var graph = ConvGraph(new Random(seed));
            var reference = MicroTvm.IR.Interpretation.Interpreter.Run(new Module([graph]), RandomTensors.ForInputs(graph, seed));
            var problem = !reference.Succeeded ? $"the interpreter refuses the case: {string.Join("; ", reference.Diagnostics)}" : KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out var lowered)
                ?? (lowered ? null : "the graph did not lower");
            return (problem is null).Label(problem ?? string.Empty);
        }));

    private static Graph ConvGraph(Random random)
    {
        var op = random.Next(3) switch { 0 => Ops.Conv, 1 => Ops.DepthwiseConv, _ => Ops.FullyConnected };
        var (h, w) = (random.Next(1, 7), random.Next(1, 7));
        var groups = op == Ops.Conv ? random.Next(1, 3) : 1;
        var multiplier = op == Ops.DepthwiseConv ? random.Next(1, 3) : 1;
        var inChannels = groups * random.Next(1, 4);
        var outChannels = op == Ops.DepthwiseConv ? inChannels * multiplier : groups * random.Next(1, 4);
        var (kh, kw) = (random.Next(1, 4), random.Next(1, 4));
        var (sh, sw, dh, dw) = (random.Next(1, 3), random.Next(1, 3), random.Next(1, 3), random.Next(1, 3));
        var pads = new[] { random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), random.Next(0, 3) };
        var oh = ((h + pads[0] + pads[2] - (dh * (kh - 1)) - 1) / sh) + 1;
        var ow = ((w + pads[1] + pads[3] - (dw * (kw - 1)) - 1) / sw) + 1;
        if (oh < 1 || ow < 1)
        {
            (kh, kw, dh, dw, oh, ow) = (1, 1, 1, 1, ((h + pads[0] + pads[2] - 1) / sh) + 1, ((w + pads[1] + pads[3] - 1) / sw) + 1);
        }

        Quantization Activation() => Quantization.PerTensor((random.Next(1, 200) / 100f) + 0.01f, random.Next(-128, 128));
        var input = new Value("x", new TensorType(ElementType.I8, op == Ops.FullyConnected ? [2, h * inChannels] : [1, h, w, inChannels], Activation()));
        ImmutableArray<int> filterShape = op == Ops.Conv ? [outChannels, kh, kw, inChannels / groups]
            : op == Ops.DepthwiseConv ? [1, kh, kw, outChannels] : [outChannels, h * inChannels];
        var axis = op == Ops.DepthwiseConv ? 3 : 0;
        var scales = Enumerable.Range(0, outChannels).Select(_ => (random.Next(1, 100) / 1000f) + 0.001f).ToImmutableArray();
        var filterQuantization = random.Next(2) == 0
            ? Quantization.PerTensor(scales[0], 0)
            : Quantization.PerAxis(scales, [.. Enumerable.Repeat(0L, outChannels)], axis);
        var filterType = new TensorType(ElementType.I8, filterShape, filterQuantization);
        var filter = Constant("w", filterType, random);
        var biasScale = filterQuantization.Scales.Select(s => s * input.Type.Quantization!.Scale).ToImmutableArray();
        var biasType = new TensorType(ElementType.I32, [outChannels], filterQuantization.IsPerAxis
            ? Quantization.PerAxis(biasScale, [.. Enumerable.Repeat(0L, outChannels)], 0) : Quantization.PerTensor(biasScale[0], 0));
        var bias = Constant("b", biasType, random);
        ImmutableArray<int> outShape = op == Ops.FullyConnected ? [2, outChannels] : [1, oh, ow, outChannels];
        var outputType = new TensorType(ElementType.I8, outShape, Activation());
        var attributes = Attributes().Add("activation", new StringAttribute(random.Next(2) == 0 ? Activations.Relu6 : Activations.None));
        if (op != Ops.FullyConnected)
        {
            attributes = attributes.Add("strides", new IntListAttribute([sh, sw])).Add("dilations", new IntListAttribute([dh, dw]))
                .Add("pads", new IntListAttribute([pads[0], pads[1], pads[2], pads[3]]));
            attributes = op == Ops.Conv ? attributes.Add("groups", new IntAttribute(groups)) : attributes.Add("depth_multiplier", new IntAttribute(multiplier));
        }

        var anchor = new Node(op, ["x", "w", "b"], [new Value("c", outputType)], attributes);
        var other = new Value("y", new TensorType(ElementType.I8, outShape, Activation()));
        var sum = new Node(Ops.Add, ["c", "y"], [new Value("s", new TensorType(ElementType.I8, outShape, Activation()))]);
        return new Graph("group", [input, other], [filter, bias, anchor, sum], ["s"]);
    }

    private static Node Constant(string name, TensorType type, Random random) =>
        new(Ops.Constant, [], [new Value(name, type)], Attributes().Add("value", new TensorAttribute(RandomTensors.For(type, random))));

    private static ImmutableSortedDictionary<string, IR.Attribute> Attributes() => ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal);
}
