using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Lowering;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// unidirectional_sequence_lstm lowered to one kernel (time loop, state in workspaces) is
/// bit-exact with the interpreter on random LSTMs and inputs: float in every variant the
/// lowering takes (CIFG, peepholes, projection, clips, activations, both layouts), and TFLite
/// Micro's integer LSTM (random scales, zero points, cell-state powers of two and clips).
/// </summary>
public sealed class LstmLoweringTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(100);

    [Fact]
    public void FloatLstmsAreBitExact() => BitExact(LstmGraphs.Float);

    [Fact]
    public void Int8LstmsAreBitExact() => BitExact(LstmGraphs.Int8);

    [Fact]
    public void StateLivesInWorkspacesAndMacsCountEveryWeight()
    {
        var graph = LstmGraphs.Float(new Random(5));
        var kernel = GroupLowerer.Lower(graph, "lstm").Kernel!;
        Assert.Contains(kernel.Function.Parameters, p => p.Role == IR.Kernels.BufferRole.Workspace);
        var lstm = graph.Nodes[^1];
        var expected = graph.Inputs[0].Type.Shape[0] * graph.Inputs[0].Type.Shape[1]
            * lstm.Operands.Where((o, i) => o.Length > 0 && i is (>= 1 and <= 11) or 16).Sum(o => graph.Index.FindValue(o)!.Type.ElementCount);
        Assert.Equal(expected, kernel.Macs);
    }

    [Fact]
    public void LayerNormalisedLstmsAreReportedNotLowered()
    {
        var random = new Random(1);
        var graph = LstmGraphs.Float(random);
        var lstm = graph.Nodes[^1];
        var cells = graph.Index.FindValue(lstm.Operands[2])!.Type.Shape[0];
        var norm = new Node(Ops.Constant, [], [new Value("norm", new TensorType(ElementType.F32, [cells]))], LstmGraphs.Attributes()
            .Add("value", new TensorAttribute(RandomTensors.For(new TensorType(ElementType.F32, [cells]), random))));
        var normalised = lstm.WithOperands([.. lstm.Operands.Take(20), .. Enumerable.Repeat("norm", 4)]);
        var result = GroupLowerer.Lower(graph.WithNodes([.. graph.Nodes.SkipLast(1), norm, normalised]), "lstm");
        Assert.Null(result.Kernel);
        Assert.Contains("layer-normalised", result.Failure, StringComparison.Ordinal);
    }

    private static void BitExact(Func<Random, Graph> generate) =>
        Check.One(Config, Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var graph = generate(new Random(seed));
            var reference = Interpreter.Run(new Module([graph]), RandomTensors.ForInputs(graph, seed));
            var problem = !reference.Succeeded
                ? $"the interpreter refuses the case: {string.Join("; ", reference.Diagnostics)}"
                : KernelDifferential.Check(graph, seed, FloatTolerance.Exact, out var lowered) ?? (lowered ? null : "the graph did not lower");
            return (problem is null).Label(problem ?? string.Empty);
        }));
}
