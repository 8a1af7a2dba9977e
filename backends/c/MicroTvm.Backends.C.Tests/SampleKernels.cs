using System.Collections.Immutable;
using MicroTvm.IR;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Backends.C.Tests;

/// <summary>Hand-written kernels for the golden and compile tests.</summary>
internal static class SampleKernels
{
    public static readonly KernelBuffer X = new("x", ElementType.I8, 8, BufferRole.Input);
    public static readonly KernelBuffer W = new("w", ElementType.I8, 24, BufferRole.Constant, alignment: 16);
    public static readonly KernelBuffer Bias = new("bias", ElementType.I32, 3, BufferRole.Constant);
    public static readonly KernelBuffer Y = new("y", ElementType.I8, 3, BufferRole.Output);

    /// <summary>A quantized fully connected layer, 8 → 3.</summary>
    public static KernelFunction Dense()
    {
        var (u, i, acc) = (I32Var("u"), I32Var("i"), I32Var("acc"));
        return new KernelFunction("fused.dense", [X, W, Bias, Y], Loop(u, 3, Seq(
            new Declare(acc, new Load(Bias, u)),
            UnrolledLoop(i, 8, new Assign(acc, Add(acc, Mul(
                Add(CastTo(ElementType.I32, new Load(X, i)), I32(128)),
                CastTo(ElementType.I32, new Load(W, Add(Mul(u, I32(8)), i))))))),
            new Store(Y, u, SaturateTo(ElementType.I8, Sub(Requantize(acc, I32(1518500250), I32(-7)), I32(128)))))));
    }

    public static ImmutableDictionary<string, ReadOnlyMemory<byte>> DenseConstants() =>
        ImmutableDictionary<string, ReadOnlyMemory<byte>>.Empty
            .Add("w", Enumerable.Range(0, 24).Select(k => unchecked((byte)(sbyte)((k * 37 % 255) - 127))).ToArray())
            .Add("bias", new byte[] { 100, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x80 });

    /// <summary>Every expression form and statement kind the emitter has a case for.</summary>
    public static KernelFunction Everything()
    {
        var input = new KernelBuffer("in", ElementType.F32, 4, BufferRole.Input);
        var flags = new KernelBuffer("flags", ElementType.Bool, 4, BufferRole.Input);
        var wide = new KernelBuffer("wide", ElementType.I64, 2, BufferRole.Constant);
        var output = new KernelBuffer("out.0", ElementType.I16, 4, BufferRole.Output);
        var scratch = new KernelBuffer("scratch", ElementType.F32, 4, BufferRole.Workspace);
        var unused = new KernelBuffer("unused", ElementType.U8, 1, BufferRole.Input);
        var (i, f, n, b, sum) = (I32Var("i"), new Var("float", ElementType.F32), new Var("n", ElementType.I64), new Var("b", ElementType.Bool), I32Var("sum"));
        var fixedPoint = CallIntrinsic(Intrinsic.RoundingDivideByPot, CallIntrinsic(Intrinsic.SaturatingRoundingDoublingHighMul, sum, I32(1 << 30)), I32(2));
        var rounded = CastTo(ElementType.I32, CallIntrinsic(Intrinsic.RoundHalfEven, new Load(scratch, i)));
        var loopBody = Seq(
            new Declare(f, Max(Min(new Load(input, i), F32(6f)), F32(-0f))),
            new Declare(b, Or(new Load(flags, i), new Not(Lt(f, F32(float.NaN))))),
            new Declare(n, Add(new Load(wide, Rem(i, I32(2))), Shl(I64(1), I64(40)))),
            new Store(scratch, i, Div(CallIntrinsic(Intrinsic.Exp, f), Add(F32(1f), CallIntrinsic(Intrinsic.Tanh, F32(-1.5f))))),
            new If(
                And(b, Ne(CastTo(ElementType.Bool, f), CastTo(ElementType.Bool, n))),
                new Assign(sum, Max(sum, Requantize(n, I32(1 << 30), I32(-3)))),
                Seq(new Assign(sum, Sub(I32(7), Sub(I32(-3), BitXor(sum, Shr(i, I32(1)))))))),
            new Store(output, Sub(I32(3), i), SaturateTo(ElementType.I16, Add(fixedPoint, rounded))));
        return new KernelFunction("everything", [input, flags, wide, output, scratch, unused], Seq(
            new Declare(sum, I32(int.MinValue)),
            Loop(i, 4, loopBody),
            new Declare(I32Var("never_read"), I32(0))));
    }
}
