using System.Collections.Immutable;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Kernels;

/// <summary>Small hand-written kernels shared by the kernel IR tests.</summary>
internal static class SampleKernels
{
    public static readonly KernelBuffer X = new("x", ElementType.I8, 8, BufferRole.Input);
    public static readonly KernelBuffer W = new("w", ElementType.I8, 24, BufferRole.Constant, alignment: 16);
    public static readonly KernelBuffer Bias = new("bias", ElementType.I32, 3, BufferRole.Constant);
    public static readonly KernelBuffer Y = new("y", ElementType.I8, 3, BufferRole.Output);
    public static readonly Var U = I32Var("u");
    public static readonly Var I = I32Var("i");
    public static readonly Var Acc = I32Var("acc");

    /// <summary>A quantized fully connected layer, 8 → 3: the shape lower-to-kernels produces.</summary>
    public static KernelFunction Dense() => new(
        "dense",
        [X, W, Bias, Y],
        Loop(U, 3, Seq(
            new Declare(Acc, new Load(Bias, U)),
            UnrolledLoop(I, 8, new Assign(Acc, Add(Acc, Mul(
                Add(CastTo(ElementType.I32, new Load(X, I)), I32(128)),
                CastTo(ElementType.I32, new Load(W, Add(Mul(U, I32(8)), I))))))),
            new Store(Y, U, SaturateTo(ElementType.I8, Sub(Requantize(Acc, I32(1518500250), I32(-7)), I32(128)))))));

    /// <summary>A kernel whose only statement stores <paramref name="value"/> to out[0] (of the value's type).</summary>
    public static KernelFunction StoreScalar(Expr value, params ImmutableArray<KernelBuffer> inputs) =>
        new("scalar", [.. inputs, new KernelBuffer("out", value.Type, 1, BufferRole.Output)],
            new Store(new KernelBuffer("out", value.Type, 1, BufferRole.Output), I32(0), value));
}
