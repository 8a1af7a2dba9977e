using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using MicroTvm.Frontend.TFLite;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;

namespace MicroTvm.Frontend.Tests.TFLite;

public sealed class ReaderPropertyTests
{
    [Fact]
    public void ConvPaddingMatchesTfliteOutputExtents()
    {
        var cases = from extent in Gen.Choose(1, 12)
                    from kernel in Gen.Choose(1, 4)
                    from stride in Gen.Choose(1, 3)
                    from dilation in Gen.Choose(1, 2)
                    from same in Gen.Elements(true, false)
                    select (extent, kernel, stride, dilation, same);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // TFLite's output extents: SAME keeps ceil(in / stride), VALID ceil((in - effective + 1) / stride).
            var effective = ((c.kernel - 1) * c.dilation) + 1;
            var output = c.same ? (c.extent + c.stride - 1) / c.stride : (c.extent - effective + c.stride) / c.stride;
            if (output <= 0)
            {
                return;
            }

            var m = new OpModel();
            var x = m.Input("x", [1, c.extent, c.extent, 1]);
            var w = m.Floats("w", [1, c.kernel, c.kernel, 1]);
            var y = m.Output("y", [1, output, output, 1]);
            m.Op(BuiltinOperator.CONV_2D, [x, w], [y], TfliteOptions.Conv2D(c.same ? TflitePadding.Same : TflitePadding.Valid, c.stride, c.stride, dilationH: c.dilation, dilationW: c.dilation));
            Imports.ImportAndVerify(m.Build());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RootOffsetOutsideTheFileIsCorrupt()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, 1000);
        "TFL3"u8.CopyTo(bytes.AsSpan(4));
        Assert.Equal(TfliteDiagnosticIds.CorruptFile, Assert.Single(Imports.ImportFailing(bytes).Diagnostics).Id);
    }

    [Fact]
    public void VectorLengthPastTheEndIsCorrupt()
    {
        var m = new OpModel();
        var x = m.Input("x", [4]);
        var y = m.Output("y", [4]);
        var bytes = m.Op(BuiltinOperator.RELU, [x], [y]).Build();

        // Every 4-byte word that holds 1 (the length of a one-element vector, among others) becomes huge.
        var corrupted = 0;
        for (var i = 8; i + 4 <= bytes.Length; i += 4)
        {
            var copy = (byte[])bytes.Clone();
            if (BinaryPrimitives.ReadInt32LittleEndian(copy.AsSpan(i)) == 1)
            {
                BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(i), 0x3FFFFFFF);
                var result = TfliteImporter.Import(copy, "t.tflite");
                corrupted += result.Diagnostics.Any(d => d.Id == TfliteDiagnosticIds.CorruptFile) ? 1 : 0;
            }
        }

        Assert.True(corrupted > 0);
    }
}
