using System.Buffers.Binary;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Kernels;

public sealed class KernelEvaluatorTests
{
    [Fact]
    public void RunsTheDenseSample()
    {
        var x = new byte[8];
        for (var i = 0; i < 8; i++)
        {
            x[i] = unchecked((byte)(sbyte)(i * 30 - 128));
        }

        var w = new byte[24];
        for (var i = 0; i < 24; i++)
        {
            w[i] = unchecked((byte)(sbyte)(i % 5 - 2));
        }

        var bias = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(bias.AsSpan(4), 1000);
        var y = new byte[3];
        KernelEvaluator.Run(SampleKernels.Dense(), new Dictionary<string, byte[]> { ["x"] = x, ["w"] = w, ["bias"] = bias, ["y"] = y });

        // acc_u = bias_u + Σ (x_i + 128)·w_{8u+i}; y_u = saturate(requantize(acc_u, 1518500250, -7) - 128).
        long[] expected = new long[3];
        for (var u = 0; u < 3; u++)
        {
            var acc = u == 1 ? 1000 : 0;
            for (var i = 0; i < 8; i++)
            {
                acc += ((sbyte)x[i] + 128) * (sbyte)w[(u * 8) + i];
            }

            expected[u] = Math.Clamp(MicroTvm.IR.Interpretation.FixedPoint.MultiplyByQuantizedMultiplier(acc, 1518500250, -7) - 128, -128, 127);
        }

        Assert.Equal(expected, y.Select(b => (long)(sbyte)b));
    }

    public static TheoryData<Expr, long> IntegerCases() => new()
    {
        { Add(I32(2), I32(3)), 5 },
        { Sub(I32(2), I32(3)), -1 },
        { Mul(I64(1L << 40), I64(3)), 3L << 40 },
        { Div(I32(-7), I32(2)), -3 },
        { Rem(I32(-7), I32(2)), -1 },
        { Div(I32(int.MinValue), I32(1)), int.MinValue },
        { Min(I32(-7), I32(2)), -7 },
        { Max(I64(-7), I64(2)), 2 },
        { Shl(I32(3), I32(29)), 3 << 29 },
        { Shr(I32(-7), I32(1)), -4 },
        { Shr(I64(long.MinValue), I64(63)), -1 },
        { BitAnd(I32(-8), I32(0x3C)), 0x38 },
        { BitOr(I32(5), I32(-8)), -3 },
        { BitXor(I64(-1), I64(5)), -6 },
        { CastTo(ElementType.I8, I32(200)), -56 },
        { CastTo(ElementType.U8, I32(-1)), 255 },
        { CastTo(ElementType.I16, I64(0x12345678)), 0x5678 },
        { CastTo(ElementType.I32, I64(1L << 32 | 7)), 7 },
        { CastTo(ElementType.I64, Imm(-3, ElementType.I8)), -3 },
        { CastTo(ElementType.I32, F32(-2.9f)), -2 },
        { CastTo(ElementType.U8, F32(-0.9f)), 0 },
        { CastTo(ElementType.I32, F32(2147483520f)), 2147483520 },
        { CastTo(ElementType.I32, Bool(true)), 1 },
        { SaturateTo(ElementType.I8, I32(300)), 127 },
        { SaturateTo(ElementType.U8, I32(-5)), 0 },
        { SaturateTo(ElementType.I16, I64(-100000)), short.MinValue },
        { SaturateTo(ElementType.I32, I64(1L << 40)), int.MaxValue },
        { new Select(Lt(I32(1), I32(2)), I32(10), I32(20)), 10 },
        { new Select(Bool(false), Imm(1, ElementType.U8), Imm(2, ElementType.U8)), 2 },
        { Imm(-5, ElementType.I16), -5 },
    };

    [Theory]
    [MemberData(nameof(IntegerCases))]
    public void EvaluatesIntegerExpressions(Expr expression, long expected) =>
        Assert.Equal(expected, EvaluateInteger(expression));

    public static TheoryData<Expr, bool> BoolCases() => new()
    {
        { Eq(I32(1), I32(1)), true },
        { Ne(I64(1), I64(1)), false },
        { Lt(I32(-1), I32(0)), true },
        { Le(I32(0), I32(0)), true },
        { Gt(F32(1), F32(float.NaN)), false },
        { Ge(F32(float.NegativeInfinity), F32(float.MinValue)), false },
        { Ne(F32(float.NaN), F32(float.NaN)), true },
        { Eq(F32(0f), F32(-0f)), true },
        { And(Bool(true), Bool(false)), false },
        { Or(Bool(true), Bool(false)), true },
        { Eq(Bool(false), Bool(false)), true },
        { new Not(Bool(false)), true },
        { CastTo(ElementType.Bool, I32(-4)), true },
        { CastTo(ElementType.Bool, F32(float.NaN)), true },
        { CastTo(ElementType.Bool, F32(-0f)), false },
    };

    [Theory]
    [MemberData(nameof(BoolCases))]
    public void EvaluatesBoolExpressions(Expr expression, bool expected) =>
        Assert.Equal(expected ? 1 : 0, EvaluateInteger(expression));

    public static TheoryData<Expr, float> FloatCases() => new()
    {
        { Add(F32(0.1f), F32(0.2f)), 0.1f + 0.2f },
        { Sub(F32(1f), F32(1e-8f)), 1f },
        { Mul(F32(3f), F32(1f / 3f)), 1f },
        { Div(F32(1f), F32(0f)), float.PositiveInfinity },
        { Min(F32(float.NaN), F32(1f)), 1f },
        { Min(F32(1f), F32(float.NaN)), float.NaN },
        { Max(F32(-0f), F32(0f)), 0f },
        { CastTo(ElementType.F32, I32(16777217)), 16777216f },
        { CastTo(ElementType.F32, I64(long.MaxValue)), 9.223372E+18f },
        { CastTo(ElementType.F32, Bool(true)), 1f },
        { Call(Intrinsic.Exp, F32(1f)), MathF.E },
        { Call(Intrinsic.Log, F32(-1f)), float.NaN },
        { Call(Intrinsic.Sqrt, F32(2f)), MathF.Sqrt(2f) },
        { Call(Intrinsic.Tanh, F32(20f)), 1f },
        { Call(Intrinsic.Floor, F32(-1.5f)), -2f },
        { Call(Intrinsic.RoundHalfEven, F32(2.5f)), 2f },
        { Call(Intrinsic.RoundHalfEven, F32(-3.5f)), -4f },
        { Call(Intrinsic.RoundHalfAway, F32(2.5f)), 3f },
        { Call(Intrinsic.RoundHalfAway, F32(-2.5f)), -3f },
        { Call(Intrinsic.RoundHalfAway, F32(-0.4f)), -0f },
    };

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void EvaluatesFloatExpressionsInSinglePrecision(Expr expression, float expected) =>
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(EvaluateFloat(expression)));

    /// <summary>The hand-derived edge cases of runtime/crt/tests/host/test_fixed_point.c.</summary>
    public static TheoryData<Expr, long> FixedPointCases() => new()
    {
        { Srdhm(int.MinValue, int.MinValue), int.MaxValue },
        { Srdhm(int.MaxValue, int.MaxValue), 2147483646 },
        { Srdhm(int.MinValue, int.MaxValue), -2147483647 },
        { Srdhm(1 << 30, 1 << 30), 536870912 },
        { Srdhm(int.MinValue, 1), -1 },
        { Srdhm(1, 1 << 30), 1 },
        { Srdhm(-1, 1 << 30), 0 },
        { Srdhm(-3, 1 << 30), -1 },
        { Srdhm(-1, (1 << 30) + 1), -1 },
        { Srdhm(-1, (1 << 30) - 1), 0 },
        { Rdbp(int.MinValue, 0), int.MinValue },
        { Rdbp(5, 1), 3 },
        { Rdbp(-5, 1), -3 },
        { Rdbp(-1, 1), -1 },
        { Rdbp(-6, 2), -2 },
        { Rdbp(-5, 2), -1 },
        { Rdbp(int.MaxValue, 31), 1 },
        { Rdbp(int.MinValue, 31), -1 },
        { Rdbp((1 << 30) - 1, 31), 0 },
        { Rdbp(-(1 << 30), 31), -1 },
        { Requantize(I32(100), I32(1 << 30), I32(0)), 50 },
        { Requantize(I32(100), I32(1 << 30), I32(-1)), 25 },
        { Requantize(I32(100), I32(1 << 30), I32(2)), 200 },
        { Requantize(I32(-100), I32(1 << 30), I32(0)), -50 },
        { Requantize(I32(1), I32((1 << 30) + 1), I32(-1)), 1 },
        { Requantize(I32(1), I32(1 << 30), I32(31)), -(1 << 30) },
        { Requantize(I32(int.MaxValue), I32(int.MaxValue), I32(-31)), 1 },
        { Requantize(I32(1000), I32(int.MaxValue), I32(-31)), 0 },
        { Requantize(I32(1 << 30), I32(int.MinValue), I32(1)), int.MaxValue },
        { Requantize(I32(int.MinValue), I32(int.MinValue), I32(0)), int.MaxValue },
        { Requantize(I64(1000), I32(1 << 30), I32(0)), 500 },
        { Requantize(I64(-1000), I32(1 << 30), I32(0)), -500 },
        { Requantize(I64((1L << 47) - 1), I32(1 << 30), I32(-31)), 32768 },
        { Requantize(I64(-(1L << 47)), I32(1 << 30), I32(-31)), -32768 },
    };

    [Theory]
    [MemberData(nameof(FixedPointCases))]
    public void FixedPointIntrinsicsMatchTheRuntimeHeader(Expr expression, long expected) =>
        Assert.Equal(expected, EvaluateInteger(expression));

    public static TheoryData<Expr, string> UndefinedCases() => new()
    {
        { Add(I32(int.MaxValue), I32(1)), "i32 overflow (the exact result is 2147483648) in 2147483647 + 1" },
        { Sub(I64(long.MinValue), I64(1)), "i64 overflow" },
        { Mul(I32(65536), I32(65536)), "i32 overflow" },
        { Div(I32(1), I32(0)), "i32 division by zero" },
        { Rem(I32(int.MinValue), I32(-1)), "i32 overflow (-2147483648 / -1)" },
        { Shl(I32(1), I32(32)), "shift of an i32 by 32" },
        { Shr(I64(1), I64(-1)), "shift of an i64 by -1" },
        { Shl(I32(-1), I32(1)), "left shift of the negative value -1" },
        { Shl(I32(1), I32(31)), "i32 overflow" },
        { CastTo(ElementType.I32, F32(2147483648f)), "f32 2.1474836E+09 does not fit i32" },
        { CastTo(ElementType.I8, F32(float.NaN)), "f32 NaN does not fit i8" },
        { CastTo(ElementType.U8, F32(256f)), "does not fit u8" },
        { Rdbp(1, 32), "rounding_divide_by_pot exponent 32 outside [0, 31]" },
        { Requantize(I32(1), I32(1), I32(32)), "requantize shift 32 outside [-31, 31]" },
        { Requantize(I64(1), I32(-1), I32(0)), "i64 requantize needs multiplier >= 0 and shift in [-31, 7]" },
        { Requantize(I64(1), I32(1), I32(8)), "i64 requantize needs multiplier >= 0 and shift in [-31, 7]" },
        { new Select(Bool(true), I32(1), Div(I32(1), I32(0))), "division by zero" },
        { And(Bool(false), Eq(Div(I32(1), I32(0)), I32(0))), "division by zero" },
    };

    [Theory]
    [MemberData(nameof(UndefinedCases))]
    public void ReportsWhatCWouldLeaveUndefined(Expr expression, string message)
    {
        var error = Assert.Throws<KernelEvaluationException>(() => Evaluate(expression));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void RejectsABoolBufferHoldingAnotherValue()
    {
        var flags = new KernelBuffer("flags", ElementType.Bool, 1, BufferRole.Input);
        var kernel = SampleKernels.StoreScalar(new Load(flags, I32(0)), flags);
        var error = Assert.Throws<KernelEvaluationException>(() =>
            KernelEvaluator.Run(kernel, new Dictionary<string, byte[]> { ["flags"] = [2], ["out"] = [0] }));
        Assert.Equal("kernel 'scalar': bool element 0 of 'flags' holds 2, neither 0 nor 1 in flags[0]", error.Message);
    }

    [Fact]
    public void RunsLoopsBranchesAndLocals()
    {
        var o = new KernelBuffer("o", ElementType.I32, 6, BufferRole.Output);
        var t = new KernelBuffer("t", ElementType.I16, 2, BufferRole.Workspace);
        var (i, j, s) = (I32Var("i"), I32Var("j"), I32Var("s"));
        var kernel = new KernelFunction("k", [o, t], Seq(
            new Store(t, I32(1), Imm(-3, ElementType.I16)),
            Loop(i, 6, Seq(
                new Declare(s, I32(0)),
                UnrolledLoop(j, 4, new If(Lt(j, i), new Assign(s, Add(s, j)), new Assign(s, Sub(s, I32(1))))),
                new Store(o, i, Add(s, CastTo(ElementType.I32, new Load(t, I32(1)))))))));
        var buffers = new Dictionary<string, byte[]> { ["o"] = new byte[24], ["t"] = new byte[4] };
        KernelEvaluator.Run(kernel, buffers);
        int[] expected = [-7, -6, -4, -1, 3, 3];
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(k => BinaryPrimitives.ReadInt32LittleEndian(buffers["o"].AsSpan(k * 4))));
    }

    [Fact]
    public void RefusesKernelsThatDoNotVerifyOrMissingBuffers()
    {
        var bad = SampleKernels.StoreScalar(new Var("nope", ElementType.I32));
        Assert.Throws<ArgumentException>(() => KernelEvaluator.Run(bad, new Dictionary<string, byte[]> { ["out"] = new byte[4] }));
        Assert.Throws<ArgumentException>(() => KernelEvaluator.Run(SampleKernels.StoreScalar(I32(1)), new Dictionary<string, byte[]> { ["out"] = new byte[3] }));
    }

    private static Call Srdhm(int a, int b) => CallIntrinsic(Intrinsic.SaturatingRoundingDoublingHighMul, I32(a), I32(b));

    private static Call Rdbp(int x, int exponent) => CallIntrinsic(Intrinsic.RoundingDivideByPot, I32(x), I32(exponent));

    private static Call Call(Intrinsic intrinsic, Expr argument) => CallIntrinsic(intrinsic, argument);

    private static byte[] Evaluate(Expr expression)
    {
        var output = new byte[expression.Type.ByteSize()];
        KernelEvaluator.Run(SampleKernels.StoreScalar(expression), new Dictionary<string, byte[]> { ["out"] = output });
        return output;
    }

    private static long EvaluateInteger(Expr expression)
    {
        var bytes = Evaluate(expression);
        return expression.Type switch
        {
            ElementType.I8 => (sbyte)bytes[0],
            ElementType.U8 or ElementType.Bool => bytes[0],
            ElementType.I16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            ElementType.I32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
    }

    private static float EvaluateFloat(Expr expression) => BinaryPrimitives.ReadSingleLittleEndian(Evaluate(expression));
}
