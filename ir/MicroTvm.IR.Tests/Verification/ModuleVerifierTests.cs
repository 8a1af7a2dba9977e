using MicroTvm.IR;
using MicroTvm.IR.Verification;
using static MicroTvm.IR.Tests.Support.NodeFactory;
using static MicroTvm.IR.Tests.Support.Types;
using Ids = MicroTvm.IR.Verification.VerifierDiagnosticIds;

namespace MicroTvm.IR.Tests.Verification;

public sealed class ModuleVerifierTests
{
    private static readonly Value X = new("x", F32(1, 8, 8, 3));
    private static readonly Node Filter = Constant("w", F32(4, 3, 3, 3));
    private static readonly Node ConvNode = Node(Ops.Conv, ["x", "w"], new Value("y", F32(1, 6, 6, 4)));
    private static readonly Node ReluNode = Node(Ops.Relu, ["y"], new Value("z", F32(1, 6, 6, 4)));

    [Fact]
    public void AcceptsAWellFormedModule() => Assert.Empty(ModuleVerifier.Verify(Valid()));

    [Fact]
    public void RejectsAModuleWithoutGraphs() =>
        AssertSingle(Module(), Ids.NoGraphs, "the module has no graph");

    [Fact]
    public void RejectsDuplicateGraphNames() =>
        AssertSingle(Module(ValidGraph(), ValidGraph()), Ids.DuplicateGraphName, "graph name 'main' is used by more than one graph");

    [Fact]
    public void RejectsAValueDefinedTwice() =>
        AssertSingle(
            WithNodes(Filter, ConvNode, Node(Ops.Relu, ["y"], new Value("x", F32(1, 6, 6, 4)))).WithOutputs(["x"]),
            Ids.DuplicateValueName,
            "graph 'main', %x = relu: value name '%x' is already defined in this graph");

    [Fact]
    public void RejectsAnUndefinedOperand() =>
        AssertSingle(
            WithNodes(Filter, ConvNode, Node(Ops.Relu, ["nope"], new Value("z", F32(1, 6, 6, 4)))),
            Ids.UndefinedValue,
            "graph 'main', %z = relu: operand 0 '%nope' is not defined");

    [Fact]
    public void RejectsAUseBeforeTheDefinition() =>
        AssertSingle(
            WithNodes(Filter, ReluNode, ConvNode),
            Ids.UseBeforeDefinition,
            "graph 'main', %z = relu: operand 0 '%y' is used before it is defined (nodes must be in topological order)");

    [Fact]
    public void RejectsAnUndefinedGraphOutput() =>
        AssertSingle(ValidGraph().WithOutputs(["z", "q"]), Ids.UndefinedGraphOutput, "graph 'main': output '%q' is not defined");

    [Fact]
    public void RejectsTooFewOperands() =>
        AssertSingle(
            WithNodes(Filter, Node(Ops.Conv, ["x"], new Value("y", F32(1, 6, 6, 4))), ReluNode),
            Ids.OperandCount,
            "graph 'main', %y = conv: expects at least 2 operands (input, filter) but has 1");

    [Fact]
    public void RejectsTooManyOperands() =>
        AssertSingle(
            WithNodes(Filter, ConvNode, Node(Ops.Relu, ["y", "y"], new Value("z", F32(1, 6, 6, 4)))),
            Ids.OperandCount,
            "graph 'main', %z = relu: expects at most 1 operands but has 2");

    [Fact]
    public void RejectsAnEmptyRequiredOperand() =>
        AssertSingle(
            WithNodes(Filter, Node(Ops.Conv, ["x", ""], new Value("y", F32(1, 6, 6, 4))), ReluNode),
            Ids.MissingOperand,
            "graph 'main', %y = conv: operand 1 'filter' is not optional but is empty");

    [Fact]
    public void AcceptsAnEmptyOptionalOperandInTheMiddle()
    {
        var bias = Constant("b", F32(4));
        var conv = Node(Ops.Conv, ["x", "w", ""], new Value("y", F32(1, 6, 6, 4)));
        Assert.Empty(ModuleVerifier.Verify(Module(WithNodes(bias, Filter, conv, ReluNode))));
    }

    [Fact]
    public void RejectsAnUnknownAttribute() =>
        AssertSingle(
            WithNodes(Filter, ConvNode, Node(Ops.Relu, ["y"], new Value("z", F32(1, 6, 6, 4)), ("alpha", Float(0.1)))),
            Ids.UnknownAttribute,
            "graph 'main', %z = relu: unknown attribute 'alpha' (accepted: none)");

    [Fact]
    public void RejectsAnAttributeOfTheWrongKind() =>
        AssertSingle(
            WithNodes(Filter, Node(Ops.Conv, ["x", "w"], new Value("y", F32(1, 6, 6, 4)), ("groups", Str("1"))), ReluNode),
            Ids.AttributeKind,
            "graph 'main', %y = conv: attribute 'groups' must be an int but is a string");

    [Fact]
    public void RejectsAMissingRequiredAttribute() =>
        AssertSingle(
            WithNodes(Filter, ConvNode, Node(Ops.Reshape, ["y"], new Value("z", F32(144)))),
            Ids.MissingAttribute,
            "graph 'main', %z = reshape: missing required attribute 'shape' (an int list)");

    [Fact]
    public void RejectsAnEnumValueNotAllowed() =>
        AssertSingle(
            WithNodes(Filter, Node(Ops.Conv, ["x", "w"], new Value("y", F32(1, 6, 6, 4)), ("activation", Str("relu7"))), ReluNode),
            Ids.AttributeValueNotAllowed,
            "graph 'main', %y = conv: attribute 'activation' is \"relu7\" but must be one of \"none\", \"relu\", \"relu6\", \"relu_n1_to_1\", \"tanh\"");

    [Fact]
    public void RejectsAResultCountInferenceDoesNotYield() =>
        AssertSingle(
            Graph([X], [Node(Ops.Split, ["x"], new Value("a", F32(1, 8, 8, 1)), ("axis", Int(3)), ("sizes", Ints(1, 2)))], ["a"]),
            Ids.ResultCount,
            "graph 'main', %a = split: split yields 2 result(s) here but the node declares 1");

    [Fact]
    public void ReportsTypeInferenceErrors() =>
        AssertSingle(
            Graph([new Value("a", F32(2, 3)), new Value("b", F32(4))], [Node(Ops.Add, ["a", "b"], new Value("c", F32(2, 3)))], ["c"]),
            Ids.TypeInferenceFailed,
            "graph 'main', %c = add: type inference failed: shapes [2, 3] and [4] do not broadcast (dimension 1: 3 vs 4)");

    [Fact]
    public void RejectsADeclaredTypeThatDiffersFromTheInferredOne() =>
        AssertSingle(
            WithNodes(Filter, Node(Ops.Conv, ["x", "w"], new Value("y", F32(1, 6, 6, 5))), Node(Ops.Relu, ["y"], new Value("z", F32(1, 6, 6, 5)))),
            Ids.ResultTypeMismatch,
            "graph 'main', %y = conv: result 0 '%y': expected tensor<1x6x6x4xf32> but declared tensor<1x6x6x5xf32>");

    [Fact]
    public void RejectsAQuantizationTheOpFixesDifferently()
    {
        var input = new Value("a", Q8(0.5f, 1, 4));
        var node = Node(Ops.Transpose, ["a"], new Value("b", Q8(0.25f, 1, 4)), ("perm", Ints(0)));
        AssertSingle(
            Graph([input], [node], ["b"]),
            Ids.ResultTypeMismatch,
            "graph 'main', %b = transpose: result 0 '%b': expected tensor<4xi8, scale 0.5, zero_point 1> but declared tensor<4xi8, scale 0.25, zero_point 1>");
    }

    [Theory]
    [InlineData(0f, "0")]
    [InlineData(-1f, "-1")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public void RejectsScalesThatAreNotFiniteAndPositive(float scale, string spelling) =>
        AssertSingle(
            Graph([new Value("a", Q8(scale, 0, 4))], [], ["a"]),
            Ids.InvalidScale,
            $"graph 'main': '%a' has scale {spelling} (index 0): scales must be finite and positive");

    [Fact]
    public void RejectsZeroPointsOutsideTheElementRange() =>
        AssertSingle(
            Graph([new Value("a", Q8(0.5f, 200, 4))], [], ["a"]),
            Ids.ZeroPointOutOfRange,
            "graph 'main': '%a' has zero point 200 (index 0) outside the i8 range [-128, 127]");

    [Fact]
    public void RejectsAPerAxisAxisOutOfRange() =>
        AssertSingle(
            Graph([new Value("a", new TensorType(ElementType.I8, [2, 3], Quantization.PerAxis([1f, 1f], [0, 0], 2)))], [], ["a"]),
            Ids.QuantizationAxisOutOfRange,
            "graph 'main': '%a' is quantized along axis 2, out of range for rank 2");

    [Fact]
    public void RejectsAPerAxisScaleCountThatDiffersFromTheExtent() =>
        AssertSingle(
            Graph([new Value("a", new TensorType(ElementType.I8, [2, 3], Quantization.PerAxis([1f, 1f], [0, 0], 1)))], [], ["a"]),
            Ids.QuantizationScaleCount,
            "graph 'main': '%a' has 2 scales but its quantized axis 1 has extent 3");

    [Fact]
    public void RejectsQuantizedFloats() =>
        AssertSingle(
            Graph([new Value("a", new TensorType(ElementType.F32, [4], Quantization.PerTensor(1f, 0)))], [], ["a"]),
            Ids.QuantizedNonInteger,
            "graph 'main': '%a' is tensor<4xf32, scale 1, zero_point 0>: only integer types can be quantized");

    [Fact]
    public void RejectsAConstantWhoseValueHasAnotherType()
    {
        var constant = Constant("c", F32(2)).WithResults([new Value("c", F32(3))]);
        AssertSingle(
            Graph([], [constant], ["c"]),
            Ids.ConstantTypeMismatch,
            "graph 'main', %c = constant: the constant's value is tensor<2xf32> but its result is declared tensor<3xf32>");
    }

    [Fact]
    public void RejectsElementTypesTheOpCannotTake()
    {
        var input = new Value("x", Of(ElementType.Bool, 1, 8, 8, 3));
        var module = Module(Graph([input], [Filter, ConvNode], ["y"]));
        var diagnostic = Assert.Single(ModuleVerifier.Verify(module), d => d.Id == Ids.UnsupportedElementType);
        Assert.Equal("graph 'main', %y = conv: operand 0 'input' must be f32, i8, u8, i16 but is tensor<1x8x8x3xbool>", diagnostic.Message);
    }

    [Fact]
    public void RejectsUnquantizedIntegersWhereTheOpComputesOnRealValues() =>
        AssertSingle(
            Graph([new Value("a", Of(ElementType.I8, 4))], [Node(Ops.Sigmoid, ["a"], new Value("b", Of(ElementType.I8, 4)))], ["b"]),
            Ids.UnquantizedInteger,
            "graph 'main', %b = sigmoid: operand 0 'input' is tensor<4xi8>: sigmoid computes on real values, so integer operands must be quantized");

    [Fact]
    public void ReportsTheNodesLocation()
    {
        var location = new SourceLocation("model.mir", 7, 3);
        var relu = Node(Ops.Relu, ["nope"], new Value("z", F32(1, 6, 6, 4))).WithLocation(location);
        var diagnostic = Assert.Single(ModuleVerifier.Verify(Module(WithNodes(Filter, ConvNode, relu))));
        Assert.Equal(location, diagnostic.Location);
        Assert.StartsWith("model.mir:7:3: error: graph 'main', %z = relu:", diagnostic.ToString());
        Assert.EndsWith("[MTVM1053]", diagnostic.ToString());
    }

    [Fact]
    public void NamesNodesWithoutResultsByTheirIndex()
    {
        var node = Node(Ops.Relu, ["x"], Array.Empty<Value>());
        var diagnostics = ModuleVerifier.Verify(Module(Graph([X], [node], ["x"])));
        Assert.Contains(diagnostics, d => d.Message == "graph 'main', node 0 (relu): relu yields 1 result(s) here but the node declares 0");
    }

    [Fact]
    public void ReportsEveryProblemNotOnlyTheFirst()
    {
        var graph = Graph(
            [new Value("a", Q8(0f, 0, 4))],
            [Node(Ops.Relu, ["nope"], new Value("b", F32(4))), Node(Ops.Relu, ["b"], new Value("c", F32(5)), ("alpha", Float(1)))],
            ["c", "d"]);
        var ids = ModuleVerifier.Verify(Module(graph)).Select(d => d.Id).Order(StringComparer.Ordinal);
        Assert.Equal([Ids.UndefinedValue, Ids.UndefinedGraphOutput, Ids.UnknownAttribute, Ids.InvalidScale], ids);
    }

    private static Module Valid() => Module(ValidGraph());

    private static Graph ValidGraph() => WithNodes(Filter, ConvNode, ReluNode);

    private static Graph WithNodes(params Node[] nodes) => Graph([X], nodes, ["z"]);

    private static void AssertSingle(Graph graph, string id, string message) => AssertSingle(Module(graph), id, message);

    private static void AssertSingle(Module module, string id, string message)
    {
        var diagnostic = Assert.Single(ModuleVerifier.Verify(module));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }
}
