using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Lowering;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// The scheduled lowering of conv, depthwise_conv and fully_connected (ScheduledConvolution):
/// random int8 and int16x8 layers whose result is the group output take it (the test fails if
/// they fall back to the element rule) and are bit-exact with the interpreter on targets with
/// and without the DSP extension (both loop nests under target_has_dsp), across channel
/// blocks with remainders, DSP word groups with tails, padding borders, strides and dilations,
/// with either DSP weight layout (16-bit pairs, packed int8), inputs expanded once per output
/// into the workspace for layers with enough channel blocks; the packed layout stores each
/// weight once; and the one-step requantization is TFLite's MultiplyByQuantizedMultiplier.
/// </summary>
public sealed class ScheduledConvolutionTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    [Theory]
    [InlineData(DspWeightLayout.Pairs)]
    [InlineData(DspWeightLayout.PackedI8)]
    [InlineData(DspWeightLayout.Auto)]
    public void ScheduledLayersAreBitExact(DspWeightLayout dspWeights)
    {
        var schedules = new System.Collections.Concurrent.ConcurrentBag<string>();
        Check.One(Config, Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var graph = LayerGraph(new Random(seed));
            var lowered = GroupLowerer.Lower(graph, "kernel", dspWeights);
            if (lowered.Kernel?.Schedule is not { } schedule)
            {
                return false.Label($"seed {seed}: not scheduled ({lowered.Failure})\n{graph}");
            }

            schedules.Add(schedule);
            var problem = KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out _, targetHasDsp: true, dspWeights)
                ?? KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out _, targetHasDsp: false, dspWeights);
            return (problem is null).Label(problem ?? string.Empty);
        }));

        // Every code path was taken by some case: DSP and scalar dense, channelwise, paired pixels.
        var layout = dspWeights switch { DspWeightLayout.Pairs => "weights=pairs", DspWeightLayout.PackedI8 => "weights=packed-i8", _ => "weights=" };
        foreach (var expected in (string[])["dense-dsp ", "dense ", "channelwise ", "pixels=1 ", "pixels=2 ", layout])
        {
            Assert.Contains(schedules, s => s.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(DspWeightLayout.Pairs, 1, 24)]
    [InlineData(DspWeightLayout.Pairs, 3, 12)]
    [InlineData(DspWeightLayout.PackedI8, 1, 24)]
    [InlineData(DspWeightLayout.PackedI8, 1, 13)]
    [InlineData(DspWeightLayout.PackedI8, 3, 12)]
    [InlineData(DspWeightLayout.PackedI8, 2, 5)]
    public void LayersWithManyChannelBlocksExpandTheirInputsAndStayBitExact(DspWeightLayout dspWeights, int kernel, int inChannels)
    {
        var expanded = 0;
        for (var seed = 0; seed < 12; seed++)
        {
            // Odd output channels leave a remainder block; odd widths a single interior column.
            // (The cost model expands only where pixel pairs or enough blocks pay for it.)
            var graph = LayerGraph(new Random(seed), forceOp: Ops.Conv, channels: (inChannels, 17 + (2 * seed)), kernel: kernel);
            var lowered = GroupLowerer.Lower(graph, "kernel", dspWeights);
            if (lowered.Kernel!.Schedule!.EndsWith(" inputs=expanded", StringComparison.Ordinal))
            {
                expanded++;
                Assert.Contains(lowered.Kernel.Function.Parameters, p => p.Role == BufferRole.Workspace && p.ElementType == ElementType.I32);
            }

            var problem = KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out _, targetHasDsp: true, dspWeights)
                ?? KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out _, targetHasDsp: false, dspWeights);
            Assert.True(problem is null, problem);
        }

        Assert.True(expanded >= 3, $"only {expanded} of 12 layers expanded their inputs");
    }

    /// <summary>
    /// Auto packs the weights of a layer with many channel blocks, whose inputs are expanded once
    /// per output, and keeps pairs for one with a single block of 8 channels over a long run,
    /// where unpacking every weight word would cost far more than 5%.
    /// </summary>
    [Theory]
    [InlineData(64, 64, 1, "weights=packed-i8 inputs=expanded")]
    [InlineData(32, 8, 3, "weights=pairs")]
    public void AutoPacksTheWeightsWhereThatCostsLittle(int inChannels, int outChannels, int kernel, string expected)
    {
        var graph = LayerGraph(new Random(1), forceOp: Ops.Conv, channels: (inChannels, outChannels), kernel: kernel);
        var schedule = GroupLowerer.Lower(graph, "kernel", DspWeightLayout.Auto).Kernel!.Schedule!;
        Assert.EndsWith(expected, schedule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DspWeightLayout.Pairs, 2)]
    [InlineData(DspWeightLayout.PackedI8, 1)]
    public void DspWeightsTakeTwoBytesAsPairsAndOneByteWhenPacked(DspWeightLayout dspWeights, int bytesPerWeight)
    {
        var graph = LayerGraph(new Random(3), forceOp: Ops.Conv, channels: (32, 8), kernel: 1);
        var kernel = GroupLowerer.Lower(graph, "kernel", dspWeights).Kernel!;
        var tables = kernel.Function.Parameters.Where(p => p.Name.StartsWith(dspWeights == DspWeightLayout.Pairs ? "weight_pairs" : "weights_packed", StringComparison.Ordinal)).ToArray();
        Assert.Equal(32 * 8 * bytesPerWeight, tables.Sum(t => t.ByteSize));
        Assert.DoesNotContain(kernel.Function.Parameters, p => p.Name.StartsWith(dspWeights == DspWeightLayout.Pairs ? "weights_packed" : "weight_pairs", StringComparison.Ordinal));
    }

    [Fact]
    public void ALayerWithAFusedConsumerKeepsTheElementRule()
    {
        var graph = LayerGraph(new Random(7));
        var output = graph.Outputs[0];
        var relu = new Node(Ops.Relu, [output], [new Value("r", graph.Index.FindValue(output)!.Type)]);
        var fused = new Graph("group", graph.Inputs, [.. graph.Nodes, relu], ["r"]);
        var lowered = GroupLowerer.Lower(fused, "kernel");
        Assert.NotNull(lowered.Kernel);
        Assert.Null(lowered.Kernel!.Schedule);
    }

    [Theory]
    [InlineData(25, 49, 10, 2, 1, 4, "0+2b 2+20 22+3b")]
    [InlineData(48, 96, 3, 2, 1, 0, "0+47 47+1b")]
    [InlineData(6, 6, 3, 1, 1, 1, "0+1b 1+4 5+1b")]
    [InlineData(3, 3, 3, 1, 2, 2, "0+2b 2+1b")]
    [InlineData(4, 4, 1, 1, 1, 0, "0+4")]
    public void SplitsOutputsIntoBorderAndInteriorRanges(int output, int input, int kernel, int stride, int dilation, int pad, string expected)
    {
        var ranges = ScheduledConvolution.Ranges(output, input, kernel, stride, dilation, pad);
        Assert.Equal(expected, string.Join(" ", ranges.Select(r => $"{r.Start}+{r.Count}{(r.Border ? "b" : string.Empty)}")));
    }

    [Fact]
    public void CostModelUsesAllFourAccumulatorsForWideLayers()
    {
        var graph = LayerGraph(new Random(1), forceOp: Ops.Conv, channels: (64, 32), kernel: 1);
        var lowered = GroupLowerer.Lower(graph, "kernel", DspWeightLayout.Pairs);
        Assert.Matches(@"^dense-dsp oc-unroll=(4 pixels=1|2 pixels=2) run=64 cost=\d+ weights=pairs( inputs=expanded)?$", lowered.Kernel!.Schedule);
    }

    [Fact]
    public void OneStepRequantizationMatchesTflite()
    {
        var random = new Random(11);
        int[] edges = [0, 1, -1, 2, -2, int.MaxValue, int.MinValue, int.MinValue + 1, 1 << 30, -(1 << 30), 12345, -12345];
        for (var trial = 0; trial < 400; trial++)
        {
            var multiplier = trial % 4 == 0 ? (1 << 30) + (trial % 3) : random.Next(1 << 30, int.MaxValue);
            var shift = -random.Next(1, 32);
            var xs = edges.Concat(Enumerable.Range(0, 52).Select(i => i % 2 == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-70000, 70000)))
                .Concat(Ties(multiplier, shift)).ToArray();
            var x = new KernelBuffer("x", ElementType.I32, xs.Length, BufferRole.Input);
            var y = new KernelBuffer("y", ElementType.I32, xs.Length, BufferRole.Output);
            var i = I32Var("i");
            var (low, high) = RightShiftRequantize.Terms(-shift);
            var value = RightShiftRequantize.Expression(new Load(x, i), I32(multiplier), I64(low), I32((int)high), I32(-shift - 1));
            var kernel = new KernelFunction("rq", [x, y], Loop(i, xs.Length, new Store(y, i, value)));
            var buffers = new Dictionary<string, byte[]> { ["x"] = xs.SelectMany(BitConverter.GetBytes).ToArray(), ["y"] = new byte[xs.Length * 4] };
            KernelEvaluator.Run(kernel, buffers);
            for (var k = 0; k < xs.Length; k++)
            {
                var expected = FixedPoint.MultiplyByQuantizedMultiplier(xs[k], multiplier, shift);
                Assert.True(expected == BinaryPrimitives.ReadInt32LittleEndian(buffers["y"].AsSpan(k * 4)), $"x = {xs[k]}, multiplier = {multiplier}, shift = {shift}: expected {expected}");
            }
        }
    }

    /// <summary>Inputs whose exact result sits on or next to a rounding tie of either step.</summary>
    private static IEnumerable<int> Ties(int multiplier, int shift)
    {
        for (var q = -3L; q <= 3; q++)
        {
            var target = ((q * 2) + 1) << (30 - shift);
            var x = (long)Math.Round((double)target * 2 / multiplier);
            for (var d = -1; d <= 1; d++)
            {
                if (x + d is >= int.MinValue and <= int.MaxValue)
                {
                    yield return (int)(x + d);
                }
            }
        }
    }

    /// <summary>A quantized conv (groups 1), depthwise_conv or fully_connected whose result is the graph output.</summary>
    private static Graph LayerGraph(Random random, OpDefinition? forceOp = null, (int In, int Out)? channels = null, int? kernel = null)
    {
        var op = forceOp ?? (random.Next(3) switch { 0 => Ops.Conv, 1 => Ops.DepthwiseConv, _ => Ops.FullyConnected });
        var wide = forceOp is null && random.Next(4) == 0;
        var (h, w) = (random.Next(1, 8), random.Next(1, 8));
        var multiplier = op == Ops.DepthwiseConv ? random.Next(1, 4) : 1;
        var inChannels = channels?.In ?? (op == Ops.DepthwiseConv && random.Next(3) == 0 ? 1 : random.Next(1, 14));
        var outChannels = channels?.Out ?? (op == Ops.DepthwiseConv ? inChannels * multiplier : random.Next(1, 12));
        var (kh, kw) = kernel is { } k ? (k, k) : (random.Next(1, 4), random.Next(1, 4));
        var (sh, sw, dh, dw) = kernel is null ? (random.Next(1, 3), random.Next(1, 3), random.Next(1, 3), random.Next(1, 3)) : (1, 1, 1, 1);
        var pads = kernel is null ? new[] { random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), random.Next(0, 3) } : [0, 0, 0, 0];
        var oh = ((h + pads[0] + pads[2] - (dh * (kh - 1)) - 1) / sh) + 1;
        var ow = ((w + pads[1] + pads[3] - (dw * (kw - 1)) - 1) / sw) + 1;
        if (oh < 1 || ow < 1)
        {
            (kh, kw, dh, dw, oh, ow) = (1, 1, 1, 1, ((h + pads[0] + pads[2] - 1) / sh) + 1, ((w + pads[1] + pads[3] - 1) / sw) + 1);
        }

        var activationType = wide ? ElementType.I16 : ElementType.I8;
        Quantization Activation() => Quantization.PerTensor((random.Next(1, 200) / 100f) + 0.01f, wide ? 0 : random.Next(-128, 128));
        var rows = random.Next(1, 4);
        var depth = h * inChannels;
        var input = new Value("x", new TensorType(activationType, op == Ops.FullyConnected ? [rows, depth] : [1, h, w, inChannels], Activation()));
        ImmutableArray<int> filterShape = op == Ops.Conv ? [outChannels, kh, kw, inChannels]
            : op == Ops.DepthwiseConv ? [1, kh, kw, outChannels] : [outChannels, depth];
        var axis = op == Ops.DepthwiseConv ? 3 : 0;
        var scales = Enumerable.Range(0, outChannels).Select(_ => (random.Next(1, 100) / 1000f) + 0.001f).ToImmutableArray();
        var filterQuantization = random.Next(2) == 0
            ? Quantization.PerTensor(scales[0], 0)
            : Quantization.PerAxis(scales, [.. Enumerable.Repeat(0L, outChannels)], axis);
        var filter = Constant("w", new TensorType(ElementType.I8, filterShape, filterQuantization), random);
        var biasScale = filterQuantization.Scales.Select(s => s * input.Type.Quantization!.Scale).ToImmutableArray();
        var biasType = new TensorType(wide ? ElementType.I64 : ElementType.I32, [outChannels], filterQuantization.IsPerAxis
            ? Quantization.PerAxis(biasScale, [.. Enumerable.Repeat(0L, outChannels)], 0) : Quantization.PerTensor(biasScale[0], 0));
        var bias = Constant("b", biasType, random);
        ImmutableArray<int> outShape = op == Ops.FullyConnected ? [rows, outChannels] : [1, oh, ow, outChannels];
        var outputType = new TensorType(activationType, outShape, Activation());
        var attributes = Attributes().Add("activation", new StringAttribute(random.Next(2) == 0 ? Activations.Relu6 : Activations.None));
        if (op != Ops.FullyConnected)
        {
            attributes = attributes.Add("strides", new IntListAttribute([sh, sw])).Add("dilations", new IntListAttribute([dh, dw]))
                .Add("pads", new IntListAttribute([pads[0], pads[1], pads[2], pads[3]]));
            attributes = op == Ops.Conv ? attributes.Add("groups", new IntAttribute(1)) : attributes.Add("depth_multiplier", new IntAttribute(multiplier));
        }

        var anchor = new Node(op, ["x", "w", "b"], [new Value("c", outputType)], attributes);
        return new Graph("group", [input], [filter, bias, anchor], ["c"]);
    }

    private static Node Constant(string name, TensorType type, Random random) =>
        new(Ops.Constant, [], [new Value(name, type)], Attributes().Add("value", new TensorAttribute(RandomTensors.For(type, random))));

    private static ImmutableSortedDictionary<string, IR.Attribute> Attributes() => ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal);
}
