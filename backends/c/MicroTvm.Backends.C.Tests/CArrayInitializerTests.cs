using System.Runtime.InteropServices;
using MicroTvm.IR;

namespace MicroTvm.Backends.C.Tests;

public sealed class CArrayInitializerTests
{
    [Fact]
    public void RendersFloatsExactlyWithEightPerLine()
    {
        float[] values = [0.1f, -0f, 1f, float.NaN, float.NegativeInfinity, 3e38f, 1e-45f, 2.5f, 7f];
        const string expected = """
            {
                    0.1f, -0.0f, 1.0f, NAN, -INFINITY, 3E+38f, 1E-45f, 2.5f,
                    7.0f,
                }
            """;
        Assert.Equal(expected, CArrayInitializer.Render(ElementType.F32, MemoryMarshal.AsBytes(values.AsSpan()), indent: 4));
    }

    [Fact]
    public void RendersIntegersWithTheirExtremes()
    {
        long[] values = [long.MinValue, long.MaxValue, -1];
        Assert.Equal("{\n    INT64_MIN, 9223372036854775807, -1,\n}", CArrayInitializer.Render(ElementType.I64, MemoryMarshal.AsBytes(values.AsSpan())));
        Assert.Equal("{\n    255, 0,\n}", CArrayInitializer.Render(ElementType.U8, [255, 0]));
        Assert.Equal("{\n    -1, 1,\n}", CArrayInitializer.Render(ElementType.I16, [0xFF, 0xFF, 1, 0]));
    }

    [Fact]
    public void RejectsPartialElements() =>
        Assert.Throws<ArgumentException>(() => CArrayInitializer.Render(ElementType.I32, [1, 2, 3]));
}
