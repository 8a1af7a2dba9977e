using System.Collections.Immutable;
using MicroTvm.IR.Interpretation;
using static MicroTvm.IR.Tests.Interpretation.InterpreterTestKit;

namespace MicroTvm.IR.Tests.Interpretation;

public sealed class InterpreterRunTests
{
    private static Module AddModule(string graphName = "main")
    {
        var x = new Value("x", F32(2));
        var y = new Value("y", F32(2));
        var node = new Node(Ops.Add, ["x", "y"], [new Value("sum", F32(2))]);
        return new Module([new Graph(graphName, [x, y], [node], ["sum"])]);
    }

    private static Dictionary<string, TensorData> Inputs(params (string Name, TensorData Data)[] items) =>
        items.ToDictionary(i => i.Name, i => i.Data, StringComparer.Ordinal);

    [Fact]
    public void RunsTheMainGraphAndKeysOutputsByName()
    {
        var result = Interpreter.Run(AddModule(), Inputs(("x", Floats(F32(2), 1, 2)), ("y", Floats(F32(2), 10, 20))));
        Assert.True(result.Succeeded);
        Assert.Equal([11f, 22f], result.Outputs["sum"].ToSingles());
    }

    [Fact]
    public void RunsANamedGraph()
    {
        var module = AddModule().WithGraphs([.. AddModule().Graphs, AddModule("fused_0").Graphs[0]]);
        var result = Interpreter.Run(module, "fused_0", Inputs(("x", Floats(F32(2), 1, 2)), ("y", Floats(F32(2), 1, 1))));
        Assert.Equal([2f, 3f], result.Outputs["sum"].ToSingles());
    }

    [Fact]
    public void AnUnknownGraphIsADiagnostic()
    {
        var result = Interpreter.Run(AddModule(), "nope", Inputs());
        Assert.Equal(InterpreterDiagnosticIds.UnknownGraph, Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void MissingExtraAndMistypedInputsAreDiagnosedByName()
    {
        var result = Interpreter.Run(AddModule(), Inputs(("x", Ints(new TensorType(ElementType.I32, [2]), 1, 2)), ("z", Floats(F32(2), 1, 2))));
        Assert.False(result.Succeeded);
        var ids = result.Diagnostics.Select(d => d.Id).ToArray();
        Assert.Equal([InterpreterDiagnosticIds.InputElementType, InterpreterDiagnosticIds.MissingInput, InterpreterDiagnosticIds.UnexpectedInput], ids);
        Assert.Contains("'x'", result.Diagnostics[0].Message);
        Assert.Contains("expected f32", result.Diagnostics[0].Message);
        Assert.Contains("'y'", result.Diagnostics[1].Message);
        Assert.Contains("[2]", result.Diagnostics[1].Message);
        Assert.Contains("'z'", result.Diagnostics[2].Message);
    }

    [Fact]
    public void AWrongShapeNamesTheExpectedShape()
    {
        var result = Interpreter.Run(AddModule(), Inputs(("x", Floats(F32(3), 1, 2, 3)), ("y", Floats(F32(2), 1, 2))));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(InterpreterDiagnosticIds.InputShape, diagnostic.Id);
        Assert.Equal("input 'x' has shape [3], expected [2]", diagnostic.Message);
    }

    [Fact]
    public void AnIllFormedNodeIsADiagnosticNotAnException()
    {
        var x = new Value("x", F32(1, 4));
        var node = new Node(Ops.Gather, ["x", "i"], [new Value("g", F32(1, 1))], ImmutableSortedDictionary.Create<string, Attribute>().Add("axis", Int(1)));
        var indices = new Node(Ops.Constant, [], [new Value("i", new TensorType(ElementType.I32, [1]))],
            ImmutableSortedDictionary.Create<string, Attribute>().Add("value", new TensorAttribute(Ints(new TensorType(ElementType.I32, [1]), 9))));
        var module = new Module([new Graph("main", [x], [indices, node], ["g"])]);
        var result = Interpreter.Run(module, Inputs(("x", Floats(F32(1, 4), 1, 2, 3, 4))));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(InterpreterDiagnosticIds.NodeFailed, diagnostic.Id);
        Assert.Contains("index 9 is out of range", diagnostic.Message);
    }

    [Fact]
    public void EveryCatalogOpHasAKernel()
    {
        foreach (var op in Ops.All)
        {
            Assert.True(KernelTable.TryGet(op, out _), op.Name);
        }
    }
}
