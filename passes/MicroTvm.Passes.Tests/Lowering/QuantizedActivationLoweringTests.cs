using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// int8 sigmoid and tanh with TFLite's fixed output quantization lower to gemmlowp's fixed-point
/// functions, bit-exact with the interpreter for random input scales and zero points (so inputs
/// fall inside and beyond the saturation radius); other quantizations are reported, not lowered.
/// </summary>
public sealed class QuantizedActivationLoweringTests
{
    [Fact]
    public void Int8SigmoidAndTanhAreBitExact() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var graph = Unary(random, random.Next(2) == 0 ? Ops.Sigmoid : Ops.Tanh);
            var problem = KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out var lowered) ?? (lowered ? null : "the graph did not lower");
            return (problem is null).Label(problem ?? string.Empty);
        }));

    [Fact]
    public void OtherOutputQuantizationsAreNotLowered()
    {
        var input = new TensorType(ElementType.I8, [4], Quantization.PerTensor(0.05f, 3));
        var output = new TensorType(ElementType.I8, [4], Quantization.PerTensor(1f / 100, -128));
        var graph = new Graph("g", [new Value("x", input)], [new Node(Ops.Sigmoid, ["x"], [new Value("y", output)])], ["y"]);
        var result = Passes.Lowering.GroupLowerer.Lower(graph, "k");
        Assert.Null(result.Kernel);
        Assert.Contains("sigmoid", result.Failure, StringComparison.Ordinal);
    }

    private static Graph Unary(Random random, OpDefinition op)
    {
        var shape = ImmutableArray.Create(random.Next(1, 4), random.Next(1, 40));
        var input = new TensorType(ElementType.I8, shape, Quantization.PerTensor((float)Math.Pow(10, (random.NextDouble() * 3) - 3), random.Next(-128, 128)));
        var output = new TensorType(ElementType.I8, shape, ReferenceEquals(op, Ops.Sigmoid) ? Quantization.PerTensor(1f / 256, -128) : Quantization.PerTensor(1f / 128, 0));
        return new Graph("g", [new Value("x", input)], [new Node(op, ["x"], [new Value("y", output)])], ["y"]);
    }
}
