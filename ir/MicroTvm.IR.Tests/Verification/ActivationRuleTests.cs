using System.Collections.Immutable;
using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;

namespace MicroTvm.IR.Tests.Verification;

/// <summary>A fused activation on a quantized result must be a clamp; tanh is one only in float.</summary>
public sealed class ActivationRuleTests
{
    private static ImmutableArray<Diagnostic> Verify(string activation, string type) =>
        ModuleVerifier.Verify(ModuleParser.Parse(
            $$"""
            graph @main(%a: {{type}}, %b: {{type}}) {
              %s = add(%a, %b) {activation = "{{activation}}"} : {{type}}
              return %s
            }
            """,
            "activation.mir").Module!);

    [Fact]
    public void RejectsAFusedTanhOnAQuantizedResult()
    {
        var diagnostic = Assert.Single(Verify("tanh", "tensor<4xi8, q<0.5:3>>"));
        Assert.Equal(VerifierDiagnosticIds.QuantizedFusedActivation, diagnostic.Id);
        Assert.Equal("activation.mir:2:3", diagnostic.Location!.ToString());
        Assert.Contains("fused activation 'tanh' has no quantized form", diagnostic.Message);
        Assert.Contains("use a separate 'tanh' node", diagnostic.Message);
    }

    [Theory]
    [InlineData("relu", "tensor<4xi8, q<0.5:3>>")]
    [InlineData("relu6", "tensor<4xi8, q<0.5:3>>")]
    [InlineData("relu_n1_to_1", "tensor<4xi8, q<0.5:3>>")]
    [InlineData("tanh", "tensor<4xf32>")]
    public void AcceptsClampsOnQuantizedResultsAndAnyActivationInFloat(string activation, string type) =>
        Assert.Empty(Verify(activation, type));
}
