using FsCheck;
using FsCheck.Fluent;
using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class ElementwiseInterpreterTests
{
    [Theory]
    [InlineData("add", new float[] { 11, 12, 13, 21, 22, 23 })]
    [InlineData("sub", new float[] { -9, -8, -7, -19, -18, -17 })]
    [InlineData("mul", new float[] { 10, 20, 30, 20, 40, 60 })]
    [InlineData("div", new float[] { 0.1f, 0.2f, 0.3f, 0.05f, 0.1f, 0.15f })]
    [InlineData("maximum", new float[] { 10, 10, 10, 20, 20, 20 })]
    [InlineData("minimum", new float[] { 1, 2, 3, 1, 2, 3 })]
    public void BinaryOpsBroadcastLikeNumPy(string op, float[] expected)
    {
        var actual = RunFloats(OpRegistry.Get(op), [Floats(F32(1, 3), 1, 2, 3), Floats(F32(2, 1), 10, 20)], F32(2, 3));
        Close(expected, actual);
    }

    [Fact]
    public void FusedActivationIsAppliedLast()
    {
        var actual = RunFloats(Ops.Add, [Floats(F32(4), -5, 1, 5, 9), Floats(F32(1), 0)], F32(4), ("activation", Str("relu6")));
        Close([0, 1, 5, 6], actual);
    }

    [Fact]
    public void IntegerArithmeticTruncatesAndWraps()
    {
        var i8 = new TensorType(ElementType.I8, [3]);
        Assert.Equal([127L, -128, 2], RunInts(Ops.Add, [Ints(i8, 100, -100, 1), Ints(i8, 27, -28, 1)], i8));
        var i32 = new TensorType(ElementType.I32, [2]);
        Assert.Equal([-3L, 3], RunInts(Ops.Div, [Ints(i32, -7, 7), Ints(i32, 2, 2)], i32));
    }

    [Theory]
    [InlineData("relu", new float[] { 0, 0, 0.5f, 7 })]
    [InlineData("relu6", new float[] { 0, 0, 0.5f, 6 })]
    [InlineData("neg", new float[] { 2, 0, -0.5f, -7 })]
    [InlineData("abs", new float[] { 2, 0, 0.5f, 7 })]
    [InlineData("hard_swish", new float[] { -1f / 3, 0, 0.5f * 3.5f / 6, 7 })]
    public void UnaryOps(string op, float[] expected) =>
        Close(expected, RunFloats(OpRegistry.Get(op), [Floats(F32(4), -2, 0, 0.5f, 7)], F32(4)));

    [Fact]
    public void TranscendentalOps()
    {
        float[] x = [0.25f, 1, 4];
        Close([.. x.Select(v => MathF.Exp(v))], RunFloats(Ops.Exp, [Floats(F32(3), x)], F32(3)));
        Close([.. x.Select(v => MathF.Log(v))], RunFloats(Ops.Log, [Floats(F32(3), x)], F32(3)));
        Close([0.5f, 1, 2], RunFloats(Ops.Sqrt, [Floats(F32(3), x)], F32(3)));
        Close([2, 1, 0.5f], RunFloats(Ops.Rsqrt, [Floats(F32(3), x)], F32(3)));
        Close([.. x.Select(v => 1 / (1 + MathF.Exp(-v)))], RunFloats(Ops.Sigmoid, [Floats(F32(3), x)], F32(3)));
        Close([.. x.Select(MathF.Tanh)], RunFloats(Ops.Tanh, [Floats(F32(3), x)], F32(3)));
    }

    [Fact]
    public void ParameterisedActivations()
    {
        var x = Floats(F32(4), -4, -1, 1, 4);
        Close([-2, -1, 1, 2], RunFloats(Ops.Clip, [x], F32(4), ("min", Float(-2)), ("max", Float(2))));
        Close([-0.4f, -0.1f, 1, 4], RunFloats(Ops.LeakyRelu, [x], F32(4), ("alpha", Float(0.1))));
        Close([0, 0.3f, 0.7f, 1], RunFloats(Ops.HardSigmoid, [x], F32(4)));
        Close([-2, -0.5f, 1, 4], RunFloats(Ops.Prelu, [x, Floats(F32(1), 0.5f)], F32(4)));
        Close([-4, -1, 1, 4], RunFloats(Ops.Prelu, [Floats(F32(2, 2), -4, -1, 1, 4), Floats(F32(2), 1, 1)], F32(2, 2)));
    }

    [Fact]
    public void BroadcastingEqualsExplicitExpansion()
    {
        var shapes = Gen.Elements(1, 2, 3).ArrayOf(3);
        Prop.ForAll(shapes.ToArbitrary(), shapes.ToArbitrary(), (left, right) =>
        {
            var output = left.Zip(right, Math.Max).ToArray();
            if (left.Zip(right).Any(p => p.First != p.Second && p.First != 1 && p.Second != 1))
            {
                return true;
            }

            var a = Enumerable.Range(0, left.Aggregate(1, (p, d) => p * d)).Select(i => (float)i).ToArray();
            var b = Enumerable.Range(0, right.Aggregate(1, (p, d) => p * d)).Select(i => (float)(100 * i)).ToArray();
            var actual = RunFloats(Ops.Add, [Floats(F32(left), a), Floats(F32(right), b)], F32(output));
            var index = 0;
            for (var i = 0; i < output[0]; i++)
                for (var j = 0; j < output[1]; j++)
                    for (var k = 0; k < output[2]; k++)
                    {
                        float At(float[] data, int[] shape) =>
                            data[((i % shape[0]) * shape[1] * shape[2]) + ((j % shape[1]) * shape[2]) + (k % shape[2])];
                        if (actual[index++] != At(a, left) + At(b, right))
                        {
                            return false;
                        }
                    }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
