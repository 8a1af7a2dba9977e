using System.Collections.Immutable;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Text;

public sealed class ModulePrinterTests
{
    private const string Expected = """
        module {memory.pools = "sram", "odd key" = 1.5}

        graph @main(%input: tensor<1x4x4x1xi8, q<0.5:-128>>, %"sequential/conv2d/Conv2D;bias": tensor<f32>) attributes {entry = true} {
          %w = constant {value = dense<tensor<2x1x1x1xi8, q<axis=0, [0.5:0, 1:0]>>, [1, -2]>} : tensor<2x1x1x1xi8, q<axis=0, [0.5:0, 1:0]>>
          %big = constant {value = dense<tensor<17xu8>, "0x000102030405060708090a0b0c0d0e0f10">} : tensor<17xu8>
          %conv = conv(%input, %w, _) {activation = "relu", pads = [0, 0, 0, 0]} : tensor<1x4x4x2xi8, q<0.25:-128>>
          %a, %b = split(%conv) {axis = 3, sizes = [1, 1]} : tensor<1x4x4x1xi8, q<0.25:-128>>, tensor<1x4x4x1xi8, q<0.25:-128>>
          %c = clip(%a) {max = 6.0, min = -0.0} : tensor<1x4x4x1xi8, q<0.25:-128>>
          return %c, %b
        }

        graph @fused_0() {
          return
        }

        """;

    [Fact]
    public void PrintsASmallModule() =>
        Assert.Equal(Expected.ReplaceLineEndings("\n"), ModulePrinter.Print(SmallModule()));

    [Fact]
    public void PrintsAGraphAlone() =>
        Assert.Equal("graph @fused_0() {\n  return\n}\n", ModulePrinter.Print(SmallModule().Graphs[1]));

    [Fact]
    public void PrintsTypes()
    {
        Assert.Equal("tensor<f32>", TypePrinter.Print(new TensorType(ElementType.F32, [])));
        Assert.Equal("tensor<0x3xbool>", TypePrinter.Print(new TensorType(ElementType.Bool, [0, 3])));
        Assert.Equal(
            "tensor<1x8xi8, q<0.003921569:-128>>",
            TypePrinter.Print(new TensorType(ElementType.I8, [1, 8], Quantization.PerTensor(0.0039215689f, -128))));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void PrintsFloatAttributesWithAPointOrExponent(double value, string expected) =>
        Assert.Equal(expected, AttributePrinter.Value(new FloatAttribute(value)));

    [Fact]
    public void PrintsANaNPayloadAsItsBits() =>
        Assert.Equal(
            "nan(0x7ff0000000000001)",
            AttributePrinter.Value(new FloatAttribute(BitConverter.Int64BitsToDouble(0x7ff0000000000001))));

    [Fact]
    public void PrintsNonBinaryBoolTensorsAsHex()
    {
        var type = new TensorType(ElementType.Bool, [2]);
        Assert.Equal("dense<tensor<2xbool>, [true, false]>", AttributePrinter.Value(new TensorAttribute(new TensorData(type, new byte[] { 1, 0 }))));
        Assert.Equal("dense<tensor<2xbool>, \"0x0200\">", AttributePrinter.Value(new TensorAttribute(new TensorData(type, new byte[] { 2, 0 }))));
    }

    private static Module SmallModule()
    {
        var input = new TensorType(ElementType.I8, [1, 4, 4, 1], Quantization.PerTensor(0.5f, -128));
        var filter = new TensorType(ElementType.I8, [2, 1, 1, 1], Quantization.PerAxis([0.5f, 1f], [0, 0], 0));
        var big = new TensorType(ElementType.U8, [17]);
        var conv = new TensorType(ElementType.I8, [1, 4, 4, 2], Quantization.PerTensor(0.25f, -128));
        var half = conv.WithShape([1, 4, 4, 1]);
        var main = new Graph(
            "main",
            [new Value("input", input), new Value("sequential/conv2d/Conv2D;bias", new TensorType(ElementType.F32, []))],
            [
                new Node(Ops.Constant, [], [new Value("w", filter)], Attributes(("value", new TensorAttribute(TensorData.FromInt64s(filter, [1, -2]))))),
                new Node(Ops.Constant, [], [new Value("big", big)], Attributes(("value", new TensorAttribute(TensorData.FromInt64s(big, [.. Enumerable.Range(0, 17).Select(i => (long)i)]))))),
                new Node(Ops.Conv, ["input", "w", ""], [new Value("conv", conv)], Attributes(("activation", new StringAttribute("relu")), ("pads", new IntListAttribute([0, 0, 0, 0])))),
                new Node(Ops.Split, ["conv"], [new Value("a", half), new Value("b", half)], Attributes(("axis", new IntAttribute(3)), ("sizes", new IntListAttribute([1, 1])))),
                new Node(Ops.Clip, ["a"], [new Value("c", half)], Attributes(("min", new FloatAttribute(-0.0)), ("max", new FloatAttribute(6.0)))),
            ],
            ["c", "b"],
            Attributes(("entry", new BoolAttribute(true))));
        var fused = new Graph("fused_0", [], [], []);
        return new Module([main, fused], Attributes(("memory.pools", new StringAttribute("sram")), ("odd key", new FloatAttribute(1.5))));
    }

    private static ImmutableSortedDictionary<string, Attribute> Attributes(params (string Key, Attribute Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
