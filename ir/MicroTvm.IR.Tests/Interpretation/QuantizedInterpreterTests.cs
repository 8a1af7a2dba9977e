using FsCheck;
using FsCheck.Fluent;
using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class QuantizedInterpreterTests
{
    private static TensorType I8(float scale, long zeroPoint, params int[] shape) => Q(ElementType.I8, scale, zeroPoint, shape);

    [Fact]
    public void QuantizeRoundsTiesAwayFromZeroOrToEvenAndSaturates()
    {
        var x = Floats(F32(6), 0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 1000);
        var target = I8(1, -3, 6);
        Assert.Equal([-2L, -1, 0, -4, -6, 127], RunInts(Ops.Quantize, [x], target));
        Assert.Equal([-3L, -1, -1, -3, -5, 127], RunInts(Ops.Quantize, [x], target, ("rounding", Str("half_even"))));
    }

    [Fact]
    public void DequantizePerAxis()
    {
        var type = new TensorType(ElementType.I8, [2, 2], Quantization.PerAxis([0.5f, 2f], [0, -1], 1));
        Close([1, 4, -1, 0], RunFloats(Ops.Dequantize, [Ints(type, 2, 1, -2, -1)], F32(2, 2)));
    }

    [Fact]
    public void QuantizeThenDequantizeIsWithinHalfAScale()
    {
        var cases = from scale in Gen.Choose(1, 1000).Select(s => s / 997f)
                    from zero in Gen.Choose(-20, 20)
                    from x in Gen.Choose(-100000, 100000).Select(v => v / 1000f)
                    select (scale, zero, x);
        Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (scale, zero, x) = t;
            var lowest = scale * (-128 - zero);
            var highest = scale * (127 - zero);
            if (x < lowest || x > highest)
            {
                return true;
            }

            var q = Run(Ops.Quantize, [Floats(F32(1), x)], I8(scale, zero, 1));
            var back = RunFloats(Ops.Dequantize, [q], F32(1))[0];
            return Math.Abs(back - x) <= (scale / 2) * 1.0001;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RequantizeWithTfliteAndHalfEvenRounding()
    {
        var input = Ints(I8(1, 0, 4), 3, 5, -5, 127);
        Assert.Equal([1L, 2, -3, 63], RunInts(Ops.Requantize, [input], I8(2, -1, 4)));
        Assert.Equal([1L, 1, -3, 63], RunInts(Ops.Requantize, [input], I8(2, -1, 4), ("rounding", Str("half_even"))));
        Assert.Equal([127L, 127, -128, 127], RunInts(Ops.Requantize, [input], I8(0.01f, 0, 4)));
    }

    [Fact]
    public void Int8ConvPerChannelWithBiasTiesAndActivation()
    {
        var input = Ints(I8(0.5f, -1, 1, 1, 2, 1), 3, -1);
        var filterType = new TensorType(ElementType.I8, [2, 1, 2, 1], Quantization.PerAxis([0.25f, 1f], [0, 0], 0));
        var filter = Ints(filterType, 2, 4, -1, 3);
        var bias = Ints(new TensorType(ElementType.I32, [2], Quantization.PerAxis([0.125f, 0.5f], [0, 0], 0)), 13, -3);
        var output = I8(0.25f, 5, 1, 1, 1, 2);
        Assert.Equal([16L, -9], RunInts(Ops.Conv, [input, filter, bias], output));
        Assert.Equal([15L, -9], RunInts(Ops.Conv, [input, filter, bias], output, ("rounding", Str("half_even"))));
        Assert.Equal([16L, 5], RunInts(Ops.Conv, [input, filter, bias], output, ("activation", Str("relu"))));
    }

    [Fact]
    public void Uint8ConvSubtractsTheFilterZeroPoint()
    {
        var input = Ints(Q(ElementType.U8, 1, 128, 1, 1, 2, 1), 130, 126);
        var filter = Ints(Q(ElementType.U8, 1, 128, 1, 1, 2, 1), 129, 127);
        Assert.Equal([102L], RunInts(Ops.Conv, [input, filter], Q(ElementType.U8, 2, 100, 1, 1, 1, 1)));
    }

    [Fact]
    public void Int16x8ConvAccumulatesIn64Bits()
    {
        var input = Ints(Q(ElementType.I16, 1, 0, 1, 1, 2, 1), 1000, -3);
        var filter = Ints(I8(0.5f, 0, 1, 1, 2, 1), 3, 2);
        var bias = Ints(new TensorType(ElementType.I64, [1]), 1);
        Assert.Equal([1498L], RunInts(Ops.Conv, [input, filter, bias], Q(ElementType.I16, 1, 0, 1, 1, 1, 1)));
    }

    [Fact]
    public void ConvIntegerAndMatMulIntegerAccumulateExactlyIntoI32()
    {
        var input = Ints(Q(ElementType.U8, 1, 2, 1, 1, 2, 1), 5, 0);
        var filter = Ints(Q(ElementType.U8, 1, 1, 1, 1, 2, 1), 3, 255);
        Assert.Equal([(3L * 2) + (-2L * 254)], RunInts(Ops.Conv, [input, filter], new TensorType(ElementType.I32, [1, 1, 1, 1])));
        var a = Ints(Q(ElementType.I8, 1, -1, 1, 2), 1, 2);
        var b = Ints(Q(ElementType.I8, 1, 1, 2, 1), 3, 4);
        Assert.Equal([(2L * 2) + (3L * 3)], RunInts(Ops.MatMul, [a, b], new TensorType(ElementType.I32, [1, 1])));
    }

    [Fact]
    public void QLinearMatMulRoundsHalfToEven()
    {
        var a = Ints(Q(ElementType.U8, 1, 0, 1, 2), 2, 3);
        var b = Ints(Q(ElementType.U8, 1, 0, 2, 1), 1, 1);
        Assert.Equal([2L], RunInts(Ops.MatMul, [a, b], Q(ElementType.U8, 2, 0, 1, 1), ("rounding", Str("half_even"))));
        Assert.Equal([3L], RunInts(Ops.MatMul, [a, b], Q(ElementType.U8, 2, 0, 1, 1)));
    }

    [Fact]
    public void FullyConnectedPerTensorAndDepthwisePerChannel()
    {
        var input = Ints(I8(0.5f, 0, 1, 2), 4, -2);
        var weights = Ints(I8(0.5f, 0, 2, 2), 1, 1, 2, -1);
        // multiplier 0.5·0.5/0.5: acc 2 → 1, acc 10 → 5
        Assert.Equal([1L, 5], RunInts(Ops.FullyConnected, [input, weights], I8(0.5f, 0, 1, 2)));
        var dwFilter = new TensorType(ElementType.I8, [1, 1, 1, 2], Quantization.PerAxis([1f, 0.5f], [0, 0], 3));
        Assert.Equal([8L, -2], RunInts(Ops.DepthwiseConv, [Ints(I8(1, 0, 1, 1, 1, 2), 4, -2), Ints(dwFilter, 2, 2)], I8(1, 0, 1, 1, 1, 2)));
    }

    [Fact]
    public void Int8AddRescalesWithLeftShift20AndRoundsTiesAwayFromZero()
    {
        var a = Ints(I8(0.5f, 0, 3), 3, 1, -1);
        var b = Ints(I8(0.25f, 0, 3), 2, 0, 0);
        Assert.Equal([2L, 1, -1], RunInts(Ops.Add, [a, b], I8(1, 0, 3)));
        Assert.Equal([127L], RunInts(Ops.Add, [Ints(I8(0.5f, 0, 1), 127), Ints(I8(0.25f, 0, 1), 127)], I8(0.25f, 0, 1)));
        Assert.Equal([1L, 1, -1], RunInts(Ops.Sub, [a, Ints(I8(0.25f, 0, 3), 2, 0, 0)], I8(1, 0, 3)));
    }

    [Fact]
    public void Int16AddUsesLeftShift15()
    {
        var type = Q(ElementType.I16, 0.5f, 0, 2);
        Assert.Equal([3L, -32768], RunInts(Ops.Add, [Ints(type, 3, -32768), Ints(type, 3, -32768)], Q(ElementType.I16, 1, 0, 2)));
    }

    [Fact]
    public void Int8MulWithNegativeZeroPointsSaturates()
    {
        var a = Ints(I8(0.5f, 1, 2), 3, 0);
        var b = Ints(I8(0.5f, -1, 2), 1, -128);
        Assert.Equal([4L, 127], RunInts(Ops.Mul, [a, b], I8(0.25f, 0, 2)));
    }

    [Fact]
    public void QuantizedPoolsWorkOnStoredValues()
    {
        var input = Ints(I8(0.5f, 3, 1, 4, 1), 1, 2, -1, -2);
        Assert.Equal([2L, -2], RunInts(Ops.AvgPool, [input], I8(0.5f, 3, 1, 2, 1), ("kernel", Ints(2)), ("strides", Ints(2))));
        Assert.Equal([2L, -1], RunInts(Ops.MaxPool, [input], I8(0.5f, 3, 1, 2, 1), ("kernel", Ints(2)), ("strides", Ints(2))));
        Assert.Equal([3L, 3], RunInts(Ops.MaxPool, [input], I8(0.5f, 3, 1, 2, 1), ("kernel", Ints(2)), ("strides", Ints(2)), ("activation", Str("relu"))));
        Assert.Equal([0L], RunInts(Ops.GlobalAvgPool, [input], I8(0.5f, 3, 1, 1, 1)));
    }

    [Fact]
    public void QuantizedMeanAndSum()
    {
        var input = Ints(I8(0.5f, 0, 1, 2), 1, 2);
        Assert.Equal([2L], RunInts(Ops.Mean, [input], I8(0.5f, 0, 1, 1)));
        Assert.Equal([3L], RunInts(Ops.Sum, [input], I8(0.5f, 0, 1, 1)));
        Assert.Equal([2L], RunInts(Ops.Sum, [input], I8(1, 0, 1, 1)));
    }

    [Fact]
    public void QuantizedReluClampsAtTheZeroPoint()
    {
        var type = I8(0.5f, -10, 4);
        Assert.Equal([-10L, -10, 0, 2], RunInts(Ops.Relu, [Ints(type, -20, -10, 0, 2)], type));
        Assert.Equal([-10L, -10, 0, 2], RunInts(Ops.Relu6, [Ints(type, -20, -10, 0, 2)], type));
        Assert.Equal([-12L, -10, 0, 0], RunInts(Ops.Clip, [Ints(type, -20, -10, 0, 2)], type, ("min", Float(-1)), ("max", Float(5))));
    }

    [Fact]
    public void Int8SoftmaxIsTflitesFixedPointSoftmax()
    {
        var output = I8(1f / 256, -128, 1, 4);
        Assert.Equal([-64L, -64, -64, -64], RunInts(Ops.Softmax, [Ints(I8(0.1f, 0, 1, 4), 0, 0, 0, 0)], output));
        Assert.Equal([127L, -128], RunInts(Ops.Softmax, [Ints(I8(1, 0, 1, 2), 100, 0)], I8(1f / 256, -128, 1, 2)));
    }

    [Theory]
    [InlineData("sigmoid", 1f / 256, -128)]
    [InlineData("tanh", 1f / 128, 0)]
    public void Int8LogisticAndTanhAreWithinOneLsbOfExact(string op, float outputScale, long outputZero)
    {
        var inputType = I8(0.0625f, 3, 256);
        var q = Enumerable.Range(-128, 256).Select(i => (long)i).ToArray();
        var actual = RunInts(OpRegistry.Get(op), [Ints(inputType, q)], I8(outputScale, outputZero, 256));
        for (var i = 0; i < q.Length; i++)
        {
            var x = 0.0625 * (q[i] - 3);
            var real = op == "sigmoid" ? 1 / (1 + Math.Exp(-x)) : Math.Tanh(x);
            var exact = Math.Clamp(Math.Round(real / outputScale) + outputZero, -128, 127);
            Assert.True(Math.Abs(actual[i] - exact) <= 1, $"{op}({x}): {actual[i]} vs {exact}");
        }

        Assert.Equal(op == "sigmoid" ? 0 : 0, actual[128 + 3]);
    }

    [Fact]
    public void QuantizedLeakyReluPreluAndHardSwishTrackTheFloatOps()
    {
        var type = I8(0.1f, -5, 256);
        var q = Enumerable.Range(-128, 256).Select(i => (long)i).ToArray();
        var checks = new (Func<double, double> Function, long[] Actual, int Bound)[]
        {
            (x => x >= 0 ? x : 0.2 * x, RunInts(Ops.LeakyRelu, [Ints(type, q)], type, ("alpha", Float(0.2))), 1),
            (x => x >= 0 ? x : 0.5 * x, RunInts(Ops.Prelu, [Ints(type, q), Ints(I8(0.25f, 0, 1), 2)], type), 1),
            (x => x * Math.Clamp(x + 3, 0, 6) / 6, RunInts(Ops.HardSwish, [Ints(type, q)], type), 1),
        };
        foreach (var (function, actual, bound) in checks)
        {
            for (var i = 0; i < q.Length; i++)
            {
                var exact = Math.Clamp(Math.Round(function(0.1 * (q[i] + 5)) / 0.1) - 5, -128, 127);
                Assert.True(Math.Abs(actual[i] - exact) <= bound, $"q={q[i]}: {actual[i]} vs {exact}");
            }
        }
    }

    [Fact]
    public void OpsWithoutAnIntegerKernelAreEmulated()
    {
        var type = I8(0.5f, 0, 2);
        Assert.Equal([6L, -1], RunInts(Ops.Div, [Ints(type, 6, -2), Ints(I8(0.5f, 0, 2), 2, 4)], type));
    }
}
