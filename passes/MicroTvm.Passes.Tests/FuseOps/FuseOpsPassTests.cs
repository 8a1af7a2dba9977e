using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.FuseOps;

public sealed class FuseOpsPassTests
{
    private const string Chain = """
        graph @main(%x: tensor<4xf32>) {
          %a = relu(%x) : tensor<4xf32>
          %b = abs(%a) : tensor<4xf32>
          %c = softmax(%b) : tensor<4xf32>
          %d = neg(%c) : tensor<4xf32>
          %e = exp(%d) : tensor<4xf32>
          %f = tanh(%e) : tensor<4xf32>
          return %f
        }
        """;

    [Fact]
    public void CountsPartitionsGroupsFusedOpsAndTheLargestGroup()
    {
        var pass = new FuseOpsPass();
        var result = pass.Run(TestRegistry.Parse(Chain), new PassContext());
        Assert.Equal(["main", "fused_relu_abs_0", "fused_neg_exp_tanh_1"], result.Graphs.Select(g => g.Name));
        // softmax fuses with nothing: three kernels in all.
        Assert.Equal((3, 2, 5, 3), (pass.NumPartitions.Value, pass.NumGroups.Value, pass.NumFusedOps.Value, pass.MaxGroupSize.Value));
    }

    [Fact]
    public void ASecondRunChangesNothing()
    {
        var once = new FuseOpsPass().Run(TestRegistry.Parse(Chain), new PassContext());
        Assert.Same(once, new FuseOpsPass().Run(once, new PassContext()));
    }

    [Fact]
    public void RejectsAMaxDepthBelowOne()
    {
        var context = new PassContext();
        var module = TestRegistry.Parse(Chain);
        Assert.Same(module, new FuseOpsPass { MaxDepth = 0 }.Run(module, context));
        var error = Assert.Single(context.Diagnostics.Items);
        Assert.Equal(PassDiagnosticIds.FuseOpsMaxDepth, error.Id);
        Assert.Contains("max-depth must be at least 1", error.Message);
    }
}
