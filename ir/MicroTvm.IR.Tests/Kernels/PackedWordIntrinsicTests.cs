using System.Buffers.Binary;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Text;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Kernels;

/// <summary>pack_i8x4, sxtb16 and smlad (docs/kernel-ir.md): values, domains, verification and text.</summary>
public sealed class PackedWordIntrinsicTests
{
    [Fact]
    public void PackI8x4TakesTheLowByteOfEachArgumentLeastSignificantFirst()
    {
        Assert.Equal(unchecked((int)0x80FF7F01), Evaluate(CallIntrinsic(Intrinsic.PackI8x4, I32(1), I32(127), I32(-1), I32(0x180))));
        Assert.Equal(0x04030201, Evaluate(CallIntrinsic(Intrinsic.PackI8x4, I32(0x7701), I32(2), I32(3), I32(4))));
    }

    [Fact]
    public void PackOfFourConsecutiveLoadsIsTheLittleEndianWord()
    {
        var bytes = new KernelBuffer("b", ElementType.I8, 6, BufferRole.Input);
        Expr Byte(int i) => CastTo(ElementType.I32, new Load(bytes, I32(i)));
        var kernel = SampleKernels.StoreScalar(CallIntrinsic(Intrinsic.PackI8x4, Byte(2), Byte(3), Byte(4), Byte(5)), bytes);
        var output = new byte[4];
        KernelEvaluator.Run(kernel, new Dictionary<string, byte[]> { ["b"] = [9, 9, 0x10, 0xF0, 0x80, 0x7F], ["out"] = output });
        Assert.Equal(0x7F80F010, BinaryPrimitives.ReadInt32LittleEndian(output));
    }

    [Theory]
    [InlineData(0, 0x0002FFFF)]
    [InlineData(8, unchecked((int)0xFF80007F))]
    [InlineData(16, unchecked((int)0xFFFF0002))]
    [InlineData(24, 0x007FFF80)]
    public void Sxtb16SignExtendsBytesZeroAndTwoOfTheRotatedWord(int rotation, int expected) =>
        Assert.Equal(expected, Evaluate(CallIntrinsic(Intrinsic.Sxtb16, I32(unchecked((int)0x80027FFF)), I32(rotation))));

    [Fact]
    public void Sxtb16RejectsOtherRotations()
    {
        var error = Assert.Throws<KernelEvaluationException>(() => Evaluate(CallIntrinsic(Intrinsic.Sxtb16, I32(5), I32(4))));
        Assert.Contains("sxtb16 rotation 4", error.Message);
    }

    [Fact]
    public void SmladAddsBothSignedHalfProducts()
    {
        var a = PackedWords.PackI16x2(-3, 1000);
        var b = PackedWords.PackI16x2(7, -32768);
        Assert.Equal(100 + (-3 * 7) + (1000 * -32768), Evaluate(CallIntrinsic(Intrinsic.Smlad, I32(a), I32(b), I32(100))));
        var min = PackedWords.PackI16x2(-32768, -32768);
        Assert.Equal(0, Evaluate(CallIntrinsic(Intrinsic.Smlad, I32(min), I32(min), I32(int.MinValue))));
    }

    [Fact]
    public void SmladIsUndefinedWhenTheExactSumOverflows()
    {
        var min = PackedWords.PackI16x2(-32768, -32768);
        var error = Assert.Throws<KernelEvaluationException>(() => Evaluate(CallIntrinsic(Intrinsic.Smlad, I32(min), I32(min), I32(1))));
        Assert.Contains("smlad result 2147483649 overflows i32", error.Message);
    }

    [Fact]
    public void TargetHasDspIsWhatTheEvaluatorIsToldAndFalseByDefault()
    {
        var output = new byte[1];
        var kernel = SampleKernels.StoreScalar(CallIntrinsic(Intrinsic.TargetHasDsp));
        Assert.Equal(ElementType.Bool, kernel.Parameters[0].ElementType);
        KernelEvaluator.Run(kernel, new Dictionary<string, byte[]> { ["out"] = output });
        Assert.Equal(0, output[0]);
        KernelEvaluator.Run(kernel, new Dictionary<string, byte[]> { ["out"] = output }, targetHasDsp: true);
        Assert.Equal(1, output[0]);
    }

    [Fact]
    public void VerifierChecksArityAndTypes()
    {
        var wrongArity = SampleKernels.StoreScalar(CallIntrinsic(Intrinsic.Smlad, I32(1), I32(2)));
        Assert.Contains(KernelVerifier.Verify(wrongArity), d => d.Id == KernelDiagnosticIds.IntrinsicArity);
        var wrongType = SampleKernels.StoreScalar(CallIntrinsic(Intrinsic.Sxtb16, I64(1), I32(0)));
        Assert.Contains(KernelVerifier.Verify(wrongType), d => d.Id == KernelDiagnosticIds.IntrinsicArgumentType);
    }

    [Fact]
    public void PrintsAndParsesBack()
    {
        var expression = CallIntrinsic(Intrinsic.Smlad, CallIntrinsic(Intrinsic.Sxtb16, CallIntrinsic(Intrinsic.PackI8x4, I32(1), I32(2), I32(3), I32(4)), I32(8)), I32(5), I32(6));
        Assert.Equal("smlad(sxtb16(pack_i8x4(1, 2, 3, 4), 8), 5, 6)", expression.ToString());
        var result = ModuleParser.Parse($"kernel @k(out o: i32[1]) {{\n  o[0] = {expression}\n}}\n", "t.mir");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(expression, ((Store)result.Module!.Kernels[0].Body).Value);
    }

    private static int Evaluate(Expr expression)
    {
        var output = new byte[4];
        KernelEvaluator.Run(SampleKernels.StoreScalar(expression), new Dictionary<string, byte[]> { ["out"] = output });
        return BinaryPrimitives.ReadInt32LittleEndian(output);
    }
}
