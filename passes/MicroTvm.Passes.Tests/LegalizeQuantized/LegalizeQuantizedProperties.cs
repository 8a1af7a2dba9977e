using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;
using Attribute = MicroTvm.IR.Attribute;

namespace MicroTvm.Passes.Tests.LegalizeQuantized;

/// <summary>
/// legalize-quantized on random QDQ products (conv, depthwise_conv, fully_connected, matmul;
/// int8 or uint8; per-tensor or per-channel weights; random scales and zero points; an int32
/// bias with scale input·weight scale or none; an optional relu where the op can fuse one): every pattern is legalized, the
/// verifier accepts the result, and the interpreter's outputs differ from the float QDQ graph's
/// by at most one unit in the last place (the float graph rounds its float32 dequantized values
/// and sums before quantizing; the quantized op requantizes the exact int32 accumulator).
/// </summary>
public sealed class LegalizeQuantizedProperties
{
    private const long MaxDifferenceLsb = 1;

    [Fact]
    public void AgreesWithTheFloatQdqGraphWithinOneLsb() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var before = Build(seed);
            var pass = new LegalizeQuantizedPass();
            var after = pass.Run(before, new PassContext());
            var problems = ModuleVerifier.Verify(after).Select(d => $"verifier: {d}").ToList();
            if (pass.NumLegalized.Value != 1)
            {
                problems.Add($"legalized {pass.NumLegalized.Value} patterns, rejected {pass.NumRejected.Value}");
            }

            for (var trial = 0; trial < 3 && problems.Count == 0; trial++)
            {
                var inputs = RandomTensors.ForInputs(before.Main, seed + trial);
                var (expected, actual) = (Interpreter.Run(before, inputs), Interpreter.Run(after, inputs));
                if (!expected.Succeeded || !actual.Succeeded)
                {
                    problems.Add(string.Join("; ", expected.Diagnostics.Concat(actual.Diagnostics)));
                    break;
                }

                var (want, got) = (expected.Outputs["y"], actual.Outputs["y"]);
                for (long i = 0; i < want.Type.ElementCount; i++)
                {
                    if (Math.Abs(want.GetInt64(i) - got.GetInt64(i)) > MaxDifferenceLsb)
                    {
                        problems.Add($"inputs seeded with {seed + trial}: [{i}] expected {want.GetInt64(i)}, got {got.GetInt64(i)}");
                    }
                }
            }

            return (problems.Count == 0).Label($"{string.Join("\n", problems.Take(5))}\nseed {seed}\n--- before ---\n{ModulePrinter.Print(before)}\n--- after ---\n{ModulePrinter.Print(after)}");
        }).QuickCheckThrowOnFailure();

    /// <summary>One random QDQ product, as an ONNX QDQ model imports after convert-layout.</summary>
    internal static Module Build(int seed)
    {
        var random = new Random(seed);
        var element = random.Next(2) == 0 ? ElementType.I8 : ElementType.U8;
        var kind = random.Next(4);
        var op = kind switch { 0 => Ops.Conv, 1 => Ops.DepthwiseConv, 2 => Ops.FullyConnected, _ => Ops.MatMul };
        var channels = random.Next(1, 4);
        var inChannels = kind == 1 ? channels : random.Next(1, 4);
        ImmutableArray<int> inputShape = kind < 2 ? [1, random.Next(1, 4), random.Next(1, 4), inChannels] : [random.Next(1, 3), inChannels];
        ImmutableArray<int> weightShape = kind switch
        {
            0 => [channels, random.Next(1, Math.Min(3, inputShape[1]) + 1), random.Next(1, Math.Min(3, inputShape[2]) + 1), inChannels],
            1 => [1, random.Next(1, Math.Min(3, inputShape[1]) + 1), random.Next(1, Math.Min(3, inputShape[2]) + 1), channels],
            2 => [channels, inChannels],
            _ => [inChannels, channels],
        };
        var channelAxis = kind is 0 or 2 ? 0 : weightShape.Length - 1;
        var inputQuantization = Quantization.PerTensor(Scale(random), ZeroPoint(random, element));
        var perAxis = random.Next(2) == 0;
        var weightScales = Enumerable.Range(0, perAxis ? channels : 1).Select(_ => Scale(random)).ToImmutableArray();
        var weightQuantization = perAxis
            ? Quantization.PerAxis(weightScales, [.. weightScales.Select(_ => 0L)], channelAxis)
            : Quantization.PerTensor(weightScales[0], ZeroPoint(random, element));
        var nodes = new List<Node>();
        var x = new Value("x", new TensorType(element, inputShape, inputQuantization));
        nodes.Add(Dequantize("xf", x));
        var weightType = new TensorType(element, weightShape, weightQuantization);
        nodes.Add(Constant("w", TensorData.FromInt64s(weightType, [.. Enumerable.Range(0, (int)weightType.ElementCount).Select(_ => random.NextInt64(element.MinValue(), element.MaxValue() + 1))])));
        nodes.Add(Dequantize("wf", nodes[^1].Result));
        var operands = new List<string> { "xf", "wf" };
        if (kind < 3 && random.Next(2) == 0)
        {
            var scales = Enumerable.Range(0, channels).Select(c => inputQuantization.Scale * weightScales[perAxis ? c : 0]).ToImmutableArray();
            var biasType = new TensorType(ElementType.I32, [channels], perAxis ? Quantization.PerAxis(scales, [.. scales.Select(_ => 0L)], 0) : Quantization.PerTensor(scales[0], 0));
            nodes.Add(Constant("b", TensorData.FromInt64s(biasType, [.. Enumerable.Range(0, channels).Select(_ => (long)random.Next(-2000, 2001))])));
            nodes.Add(Dequantize("bf", nodes[^1].Result));
            operands.Add("bf");
        }

        var attributes = Empty;
        if (kind == 1)
        {
            attributes = attributes.Add("depth_multiplier", new IntAttribute(1));
        }

        var product = new Node(op, [.. operands], [new Value("p", new TensorType(ElementType.F32, []))], attributes);
        var types = new Dictionary<string, TensorType>(StringComparer.Ordinal) { ["x"] = x.Type };
        foreach (var node in nodes)
        {
            types[node.Result.Name] = node.Result.Type;
        }

        var productType = TypeInferenceRunner.InferResultTypes(product, n => types.GetValueOrDefault(n), out var errors);
        Assert.True(!productType.IsDefault, string.Join("; ", errors));
        nodes.Add(product.WithResults([new Value("p", productType[0])]));
        var last = "p";
        if (kind < 3 && random.Next(2) == 0)
        {
            nodes.Add(new Node(Ops.Relu, ["p"], [new Value("r", productType[0])]));
            last = "r";
        }

        var outputType = new TensorType(element, productType[0].Shape, Quantization.PerTensor(Scale(random) * 4, ZeroPoint(random, element)));
        nodes.Add(new Node(Ops.Quantize, [last], [new Value("y", outputType)], Empty.Add("rounding", new StringAttribute("half_even"))));
        return new Module([new Graph("main", [x], [.. nodes], ["y"])]);
    }

    private static float Scale(Random random) => (float)(0.001 + (random.NextDouble() * 0.2));

    private static long ZeroPoint(Random random, ElementType element) =>
        random.NextInt64(element.MinValue() / 2, (element.MaxValue() / 2) + 1);

    private static Node Dequantize(string name, Value input) =>
        new(Ops.Dequantize, [input.Name], [new Value(name, new TensorType(ElementType.F32, input.Type.Shape))]);

    private static Node Constant(string name, TensorData data) =>
        new(Ops.Constant, [], [new Value(name, data.Type)], Empty.Add("value", new TensorAttribute(data)));

    private static ImmutableSortedDictionary<string, Attribute> Empty => ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
}
