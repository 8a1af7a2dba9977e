using System.Collections.Immutable;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Kernels;

public sealed class KernelConstructionTests
{
    [Fact]
    public void StructurallyEqualKernelsAreEqualAndHashAlike()
    {
        Assert.Equal(SampleKernels.Dense(), SampleKernels.Dense());
        Assert.Equal(SampleKernels.Dense().GetHashCode(), SampleKernels.Dense().GetHashCode());
        Assert.NotSame(SampleKernels.Dense().Body, SampleKernels.Dense().Body);
    }

    [Fact]
    public void AnyDifferenceMakesKernelsUnequal()
    {
        var dense = SampleKernels.Dense();
        Assert.NotEqual(dense, new KernelFunction("dense2", dense.Parameters, dense.Body));
        Assert.NotEqual(dense, new KernelFunction("dense", dense.Parameters.RemoveAt(0), dense.Body));
        Assert.NotEqual(dense, new KernelFunction("dense", dense.Parameters, Seq(dense.Body)));
        Assert.NotEqual(Loop(I32Var("i"), 4, Seq()), UnrolledLoop(I32Var("i"), 4, Seq()));
        Assert.NotEqual(Call(Intrinsic.Exp, F32(1)), Call(Intrinsic.Log, F32(1)));
        Assert.NotEqual(new If(Bool(true), Seq()), new If(Bool(true), Seq(), Seq()));
    }

    [Fact]
    public void ImmediatesCompareByTypeAndFloatsByBits()
    {
        Assert.NotEqual(I32(1), I64(1));
        Assert.Equal(F32(float.NaN), F32(float.NaN));
        Assert.NotEqual(F32(0f), F32(-0f));
        Assert.NotEqual(new Var("a", ElementType.I32), new Var("a", ElementType.F32));
    }

    [Fact]
    public void EveryExpressionHasTheTypeOfItsRule()
    {
        var x = new Var("x", ElementType.F32);
        Assert.Equal(ElementType.I8, new Load(SampleKernels.X, I32(0)).Type);
        Assert.Equal(ElementType.Bool, Lt(I32(1), I32(2)).Type);
        Assert.Equal(ElementType.Bool, And(Bool(true), Bool(false)).Type);
        Assert.Equal(ElementType.F32, Add(x, x).Type);
        Assert.Equal(ElementType.I16, CastTo(ElementType.I16, x).Type);
        Assert.Equal(ElementType.U8, SaturateTo(ElementType.U8, I32(3)).Type);
        Assert.Equal(ElementType.I32, Requantize(I64(1), I32(1), I32(0)).Type);
        Assert.Equal(ElementType.F32, Call(Intrinsic.Tanh, x).Type);
        Assert.Equal(ElementType.F32, new Select(Bool(true), x, x).Type);
        Assert.Equal(ElementType.Bool, new Not(Bool(true)).Type);
    }

    [Fact]
    public void ConstructorsRejectMalformedNodes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Imm(128, ElementType.I8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Imm(2, ElementType.Bool));
        Assert.Throws<ArgumentException>(() => Imm(1, ElementType.F32));
        Assert.Throws<ArgumentException>(() => new Var("2x", ElementType.I32));
        Assert.Throws<ArgumentException>(() => new Var("a b", ElementType.I32));
        Assert.Throws<ArgumentOutOfRangeException>(() => Loop(I32Var("i"), 0, Seq()));
        Assert.Throws<ArgumentException>(() => Loop(new Var("i", ElementType.I64), 2, Seq()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelBuffer("b", ElementType.I8, 0, BufferRole.Input));
        Assert.Throws<ArgumentException>(() => new KernelBuffer("b", ElementType.I32, 4, BufferRole.Input, alignment: 2));
        Assert.Throws<ArgumentException>(() => new KernelBuffer("b", ElementType.I8, 4, BufferRole.Input, alignment: 3));
        Assert.Throws<ArgumentNullException>(() => new Load(SampleKernels.X, null!));
    }

    [Fact]
    public void BuffersDefaultToTheirNaturalAlignment()
    {
        Assert.Equal(4, new KernelBuffer("b", ElementType.F32, 2, BufferRole.Workspace).Alignment);
        Assert.Equal(24, SampleKernels.W.ByteSize);
        Assert.False(SampleKernels.W.IsWritable);
        Assert.True(SampleKernels.Y.IsWritable);
    }

    private static Call Call(Intrinsic intrinsic, params ImmutableArray<Expr> arguments) => CallIntrinsic(intrinsic, arguments);
}
