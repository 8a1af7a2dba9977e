using MicroTvm.IR;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;
using Ids = MicroTvm.IR.Verification.VerifierDiagnosticIds;

namespace MicroTvm.IR.Tests.Verification;

/// <summary>The module-level rules of <c>call</c> in the verifier, and the interpreter running a callee.</summary>
public sealed class CallTests
{
    private const string Callee = """
        graph @f(%p0: tensor<2xf32>, %p1: tensor<2xf32>) attributes {primitive = true} {
          %s = add(%p0, %p1) : tensor<2xf32>
          %r = relu(%s) : tensor<2xf32>
          return %r
        }
        """;

    [Fact]
    public void AcceptsAndRunsAWellFormedCall()
    {
        var module = Parse($$"""
            graph @main(%a: tensor<2xf32>, %b: tensor<2xf32>) {
              %r = call(%a, %b) {callee = "f"} : tensor<2xf32>
              %n = neg(%r) : tensor<2xf32>
              return %n
            }

            {{Callee}}
            """);
        Assert.Empty(ModuleVerifier.Verify(module));
        var result = Interpreter.Run(module, new Dictionary<string, TensorData>
        {
            ["a"] = TensorData.FromSingles(new TensorType(ElementType.F32, [2]), [1f, -3f]),
            ["b"] = TensorData.FromSingles(new TensorType(ElementType.F32, [2]), [0.5f, 1f]),
        });
        Assert.True(result.Succeeded, string.Join("; ", result.Diagnostics));
        Assert.Equal([-1.5f, -0f], result.Outputs["n"].ToSingles());
    }

    [Fact]
    public void RejectsAnUnknownCallee() =>
        AssertErrors(
            """
            graph @main(%a: tensor<2xf32>) {
              %r = call(%a) {callee = "nowhere"} : tensor<2xf32>
              return %r
            }
            """,
            (Ids.UnknownCallee, "graph 'main', %r = call @nowhere: the module has no graph 'nowhere'"));

    [Fact]
    public void RejectsOperandsAndResultsThatDoNotMatchTheCallee() =>
        AssertErrors(
            $$"""
            graph @main(%a: tensor<2xf32>, %b: tensor<3xf32>) {
              %r = call(%a) {callee = "f"} : tensor<2xf32>
              %t = call(%a, %b) {callee = "f"} : tensor<2xi32>
              return %r, %t
            }

            {{Callee}}
            """,
            (Ids.CallOperandMismatch, "%r = call @f: passes 1 operand(s) but 'f' takes 2"),
            (Ids.CallOperandMismatch, "operand 1 '%b' is tensor<3xf32> but input '%p1' of 'f' is tensor<2xf32>"),
            (Ids.CallResultMismatch, "result 0 '%t' is declared tensor<2xi32> but 'f' returns tensor<2xf32>"));

    [Fact]
    public void RejectsRecursionAndTheInterpreterRefusesIt()
    {
        const string text = """
            graph @main(%a: tensor<2xf32>) {
              %r = call(%a) {callee = "g"} : tensor<2xf32>
              return %r
            }

            graph @g(%x: tensor<2xf32>) {
              %y = call(%x) {callee = "h"} : tensor<2xf32>
              return %y
            }

            graph @h(%x: tensor<2xf32>) {
              %y = call(%x) {callee = "g"} : tensor<2xf32>
              return %y
            }
            """;
        AssertErrors(text, (Ids.RecursiveCall, "graph 'g' calls itself: @g -> @h -> @g"));
        var result = Interpreter.Run(Parse(text), new Dictionary<string, TensorData>
        {
            ["a"] = TensorData.FromSingles(new TensorType(ElementType.F32, [2]), [1f, 2f]),
        });
        Assert.Contains("graph 'g' calls itself", Assert.Single(result.Diagnostics).Message);
    }

    private static Module Parse(string text)
    {
        var parsed = ModuleParser.Parse(text, "call.mir");
        Assert.True(parsed.Module is not null, string.Join("; ", parsed.Diagnostics));
        return parsed.Module;
    }

    private static void AssertErrors(string text, params (string Id, string Message)[] expected)
    {
        var diagnostics = ModuleVerifier.Verify(Parse(text));
        Assert.Equal(expected.Length, diagnostics.Length);
        foreach (var ((id, message), diagnostic) in expected.Zip(diagnostics))
        {
            Assert.Equal(id, diagnostic.Id);
            Assert.Contains(message, diagnostic.Message);
        }
    }
}
