using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Verification;

namespace MicroTvm.IR.Testing;

public sealed class VerifiedGraphGeneratorTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void TheVerifierAcceptsEveryGeneratedGraph() =>
        Check.One(Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), graphCase =>
        {
            var diagnostics = ModuleVerifier.Verify(graphCase.Module);
            return diagnostics.IsEmpty.Label(string.Join("\n", diagnostics));
        }));

    /// <summary>Every generated graph is inside what the oracle runs, so properties built on it always compare something.</summary>
    [Fact]
    public void TheInterpreterRunsEveryGeneratedGraph() =>
        Check.One(Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(), graphCase =>
        {
            var result = Interpreter.Run(graphCase.Module, RandomTensors.ForInputs(graphCase.Graph, seed: 0));
            return result.Succeeded.Label(string.Join("\n", result.Diagnostics));
        }));

    [Fact]
    public void QuantizedGraphsUseOnlyQuantizedIntegerActivations() =>
        Check.One(Config, Prop.ForAll(VerifiedGraphGenerators.Arbitrary(quantized: true), graphCase =>
        {
            var graph = graphCase.Graph;
            return ModuleVerifier.Verify(graphCase.Module).IsEmpty
                && graph.Inputs.Concat(graph.Nodes.Where(n => n.Op != Ops.Constant).SelectMany(n => n.Results))
                    .All(v => v.Type is { ElementType: ElementType.I8, IsQuantized: true });
        }));

    [Fact]
    public void TheGeneratorCoversEveryOpItPromises()
    {
        var seen = Gen.Sample(VerifiedGraphGenerators.Graph(), 300).SelectMany(g => g.Nodes).Select(n => n.Op.Name).ToHashSet();
        string[] promised = ["constant", "conv", "depthwise_conv", "max_pool", "avg_pool", "global_avg_pool", "reshape", "concat", "add", "mul", "relu"];
        Assert.All(promised, op => Assert.Contains(op, seen));
    }

    [Fact]
    public void ARecipeRebuildsTheSameGraph()
    {
        int[] recipe = [5, 17, 3, 99, 12, 4, 8, 1, 1, 3, 7, 2, 40, 11];
        Assert.Equal(VerifiedGraphGenerators.FromRecipe(recipe), VerifiedGraphGenerators.FromRecipe(recipe));
        Assert.Empty(ModuleVerifier.Verify(new Module([VerifiedGraphGenerators.FromRecipe([])])));
    }
}
