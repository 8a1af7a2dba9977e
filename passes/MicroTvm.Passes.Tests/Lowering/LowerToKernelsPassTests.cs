using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;
using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.Lowering;

/// <summary>
/// The pass on whole modules: after infer-types and fuse-ops, lower-to-kernels leaves a main graph
/// of kernel_call nodes, no primitive graph, one verified kernel per group or op, and the module
/// computes what the original computes (the interpreter runs kernel_call with the KernelEvaluator).
/// </summary>
public sealed class LowerToKernelsPassTests
{
    [Fact]
    public void TinyCnnLowersBitExact()
    {
        var parsed = ModuleParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "tiny_cnn.mir")), "tiny_cnn.mir");
        var original = parsed.Module!;
        var pass = new LowerToKernelsPass();
        var lowered = Pipeline(original, pass, out var context);
        Assert.False(context.Diagnostics.HasErrors, string.Join("\n", context.Diagnostics.Items));
        Assert.Empty(ModuleVerifier.Verify(lowered));
        Assert.Single(lowered.Graphs);
        Assert.All(lowered.Main.Nodes, n => Assert.True(ReferenceEquals(n.Op, Ops.KernelCall) || ReferenceEquals(n.Op, Ops.Constant), n.ToString()));
        Assert.Equal(lowered.Kernels.Length, pass.NumKernels.Value);
        Assert.Equal((16 * 16 * 8 * 9) + (16 * 16 * 8 * 9) + (8 * 8 * 16 * 8) + (4 * 16), pass.TotalMacs.Value);
        Assert.Null(SemanticEquivalence.Check(original, lowered, seed: 7, FloatTolerance.Exact, trials: 3));
    }

    [Fact]
    public void RandomQuantizedModulesStayBitExact() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(VerifiedGraphGenerators.Arbitrary(quantized: true), graphCase =>
        {
            var lowered = Pipeline(graphCase.Module, new LowerToKernelsPass(), out var context);
            if (context.Diagnostics.HasErrors)
            {
                // Not every random op lowers yet; the pass must then say which, and leave the module alone.
                return context.Diagnostics.Items.All(d => d.Id == PassDiagnosticIds.LoweringUnsupported).Label(string.Join("; ", context.Diagnostics.Items));
            }

            var problem = ModuleVerifier.Verify(lowered) is { IsEmpty: false } diagnostics
                ? string.Join("; ", diagnostics)
                : SemanticEquivalence.Check(graphCase.Module, lowered, seed: 3, FloatTolerance.Exact, trials: 2);
            return (problem is null).Label(problem ?? string.Empty);
        }));

    [Fact]
    public void AnOpWithoutLoweringIsReportedByNodeAndOp()
    {
        const string text = """
            graph @main(%x: tensor<2x3xf32>) {
              %y = log_softmax(%x) : tensor<2x3xf32>
              return %y
            }
            """;
        var module = ModuleParser.Parse(text, "t.mir").Module!;
        var context = new PassContext();
        var result = new LowerToKernelsPass().Run(module, context);
        var error = Assert.Single(context.Diagnostics.Items);
        Assert.Equal(PassDiagnosticIds.LoweringUnsupported, error.Id);
        Assert.Contains("%y = log_softmax", error.Message, StringComparison.Ordinal);
        Assert.Same(module, result);
    }

    private static Module Pipeline(Module module, LowerToKernelsPass pass, out PassContext context)
    {
        context = new PassContext();
        var typed = new InferTypesPass().Run(module, context);
        var fused = new FuseOpsPass().Run(typed, context);
        return context.Diagnostics.HasErrors ? fused : pass.Run(fused, context);
    }
}
