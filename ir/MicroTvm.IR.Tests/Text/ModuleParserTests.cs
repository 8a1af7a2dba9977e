using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Text;

public sealed class ModuleParserTests
{
    [Fact]
    public void ParsesAnEmptyFile()
    {
        var module = Parse("// nothing here\n");
        Assert.Empty(module.Graphs);
        Assert.Empty(module.Attributes);
    }

    [Fact]
    public void ParsesModuleAttributes()
    {
        var module = Parse("module {some.key = 3, \"quoted key\" = \"v\"}");
        Assert.Equal(new IntAttribute(3), module.Attributes["some.key"]);
        Assert.Equal(new StringAttribute("v"), module.Attributes["quoted key"]);
    }

    [Fact]
    public void ParsesAGraphWithInputsAttributesAndOutputs()
    {
        var graph = Parse("graph @main(%x: tensor<2xf32>, %\"a/b:c\": tensor<i8>) attributes {k = \"v\"} {\n  return %x, %\"a/b:c\"\n}").Main;
        Assert.Equal("main", graph.Name);
        Assert.Equal<Value>([new Value("x", new TensorType(ElementType.F32, [2])), new Value("a/b:c", new TensorType(ElementType.I8, []))], graph.Inputs);
        Assert.Equal<string>(["x", "a/b:c"], graph.Outputs);
        Assert.Equal(new StringAttribute("v"), graph.Attributes["k"]);
    }

    [Fact]
    public void ParsesQuotedNamesWithEscapes()
    {
        var graph = Parse("graph @\"g \\\"1\\\"\"(%\"a\\\\b\\n\\u00e9\": tensor<f32>) {\n  return\n}").Graphs[0];
        Assert.Equal("g \"1\"", graph.Name);
        Assert.Equal("a\\b\né", graph.Inputs[0].Name);
    }

    [Fact]
    public void ParsesEveryElementTypeAndZeroSizedDimensions()
    {
        foreach (var elementType in Enum.GetValues<ElementType>())
        {
            var type = ParseType($"tensor<0x3x{elementType.Mnemonic()}>");
            Assert.Equal(new TensorType(elementType, [0, 3]), type);
        }
    }

    [Fact]
    public void ParsesPerTensorAndPerAxisQuantization()
    {
        Assert.Equal(Quantization.PerTensor(0.5f, -3), ParseType("tensor<4xi8, q<0.5:-3>>").Quantization);
        Assert.Equal(
            Quantization.PerAxis([0.5f, 0.25f, 1f], [0, 1, -1], 1),
            ParseType("tensor<2x3xi8, q<axis=1, [0.5:0, 0.25:1, 1:-1]>>").Quantization);
    }

    [Fact]
    public void ParsesScalesBitExactly()
    {
        var scale = ParseType("tensor<i8, q<0.0039215689:-128>>").Quantization!.Scale;
        Assert.Equal(BitConverter.SingleToInt32Bits(0.0039215689f), BitConverter.SingleToInt32Bits(scale));
    }

    [Fact]
    public void ParsesANodeWithSeveralResultsAttributesAndLocation()
    {
        var node = ParseNode("%a, %b = split(%x) {axis = 3, sizes = [2, 2]} : tensor<2xf32>, tensor<2xf32>");
        Assert.Same(Ops.Split, node.Op);
        Assert.Equal<string>(["x"], node.Operands);
        Assert.Equal<string>(["a", "b"], node.Results.Select(r => r.Name));
        Assert.Equal(new IntAttribute(3), node.Attributes["axis"]);
        Assert.Equal(new IntListAttribute([2, 2]), node.Attributes["sizes"]);
        Assert.Equal(new SourceLocation("t.mir", 2, 3), node.Location);
    }

    [Fact]
    public void ParsesAbsentOperands()
    {
        var node = ParseNode("%y = conv(%x, %w, _) : tensor<f32>");
        Assert.Equal<string>(["x", "w", ""], node.Operands);
        Assert.False(node.HasOperand(2));
    }

    [Fact]
    public void ParsesANodeWithoutResults() =>
        Assert.Empty(ParseNode("relu(%x)").Results);

    [Fact]
    public void ParsesScalarAttributes()
    {
        var node = ParseNode("%y = fully_connected(%x, %w) {activation = \"relu6\", keep_num_dims = true} : tensor<f32>");
        Assert.Equal(new BoolAttribute(true), node.Attributes["keep_num_dims"]);
        Assert.Equal(new StringAttribute("relu6"), node.Attributes["activation"]);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.0", -0.0)]
    [InlineData("1E+21", 1e21)]
    [InlineData("2e-3", 2e-3)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("nan", double.NaN)]
    public void ParsesFloatAttributesBitExactly(string text, double expected)
    {
        var node = ParseNode($"%y = leaky_relu(%x) {{alpha = {text}}} : tensor<f32>");
        Assert.Equal(new FloatAttribute(expected), node.Attributes["alpha"]);
    }

    [Fact]
    public void ParsesNaNPayloads()
    {
        var node = ParseNode("%y = leaky_relu(%x) {alpha = nan(0x7ff0000000000001)} : tensor<f32>");
        Assert.Equal(0x7ff0000000000001, BitConverter.DoubleToInt64Bits(node.GetFloat("alpha")));
    }

    [Fact]
    public void ParsesListsOfIntsAndFloats()
    {
        var node = ParseNode("%y = relu(%x) {e = [], f = [1.5, -inf], i = [1, -2]} : tensor<f32>");
        Assert.Equal(new IntListAttribute([]), node.Attributes["e"]);
        Assert.Equal(new FloatListAttribute([1.5, double.NegativeInfinity]), node.Attributes["f"]);
        Assert.Equal(new IntListAttribute([1, -2]), node.Attributes["i"]);
    }

    [Fact]
    public void KeepsAttributesTheOpDoesNotDeclare() =>
        Assert.Equal(new StringAttribute("yes"), ParseNode("%y = relu(%x) {fused = \"yes\"} : tensor<f32>").Attributes["fused"]);

    [Fact]
    public void ParsesKeywordsAsAttributeKeys() =>
        Assert.Equal<string>(
            ["attributes", "axis", "dense", "graph", "q", "return", "tensor"],
            ParseNode("relu(%x) {axis = 1, q = 2, dense = 3, tensor = 4, graph = 5, return = 6, attributes = 7}").Attributes.Keys);

    [Fact]
    public void ParsesDenseListsOfEveryElementType()
    {
        Assert.Equal(
            TensorData.FromInt64s(new TensorType(ElementType.I32, [4]), [1, -2, 3, 4]),
            Dense("dense<tensor<4xi32>, [1, -2, 3, 4]>"));
        Assert.Equal(
            TensorData.FromSingles(new TensorType(ElementType.F32, [2, 2]), [1.5f, -0f, float.PositiveInfinity, 2f]),
            Dense("dense<tensor<2x2xf32>, [1.5, -0.0, inf, 2]>"));
        Assert.Equal(
            TensorData.FromInt64s(new TensorType(ElementType.Bool, [2]), [1, 0]),
            Dense("dense<tensor<2xbool>, [true, false]>"));
        Assert.Equal(
            TensorData.FromInt64s(new TensorType(ElementType.U8, []), [255]),
            Dense("dense<tensor<u8>, [255]>"));
    }

    [Fact]
    public void ParsesDenseHexAsLittleEndianBytes() =>
        Assert.Equal(
            TensorData.FromInt64s(new TensorType(ElementType.I16, [2]), [0x0201, -1]),
            Dense("dense<tensor<2xi16>, \"0x0102ffff\">"));

    [Fact]
    public void ParsesSeveralGraphs() =>
        Assert.Equal<string>(
            ["main", "fused_0"],
            Parse("graph @main() {\n  return\n}\n\ngraph @fused_0() {\n  return\n}\n").Graphs.Select(g => g.Name));

    private static Module Parse(string text)
    {
        var result = ModuleParser.Parse(text, "t.mir");
        Assert.True(result.Module is not null, string.Join('\n', result.Diagnostics.Select(d => DiagnosticFormatter.Format(d, text))));
        Assert.Empty(result.Diagnostics);
        return result.Module;
    }

    private static Node ParseNode(string statement) =>
        Parse($"graph @g(%x: tensor<f32>) {{\n  {statement}\n  return\n}}").Main.Nodes.Single();

    private static TensorType ParseType(string type) =>
        Parse($"graph @g(%x: {type}) {{\n  return\n}}").Main.Inputs[0].Type;

    private static TensorData Dense(string value) =>
        ParseNode($"%c = constant {{value = {value}}} : tensor<f32>").GetTensor("value");
}
