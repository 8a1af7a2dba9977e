using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;
using MicroTvm.Passes.Tests.PlanMemory;
using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.BuildAotExecutor;

/// <summary>
/// build-aot-executor: every output buffer ends up written by exactly one kernel (a model input,
/// a constant or a repeated output gets a copy kernel and a fresh output name), the module is
/// marked <c>executor = "aot"</c>, the interpreter computes the same outputs, and every node that
/// is not a constant or a kernel_call is reported, all in one run.
/// </summary>
public sealed class BuildAotExecutorPassTests
{
    /// <summary>Returns its input, a constant, a computed value twice, and that value again after another output.</summary>
    private const string Awkward = """
        graph @main(%x: tensor<4xi8>) {
          %w = constant {value = dense<tensor<4xi8>, [1, -2, 3, -4]>} : tensor<4xi8>
          %y = add(%x, %w) : tensor<4xi8>
          return %x, %w, %y, %y, %x
        }
        """;

    [Fact]
    public void CopiesInputsConstantsAndRepeatedOutputs()
    {
        var lowered = Lower(Awkward);
        var pass = new BuildAotExecutorPass();
        var context = new PassContext();
        var built = pass.Run(lowered, context);
        Assert.False(context.Diagnostics.HasErrors, string.Join("\n", context.Diagnostics.Items));
        Assert.Empty(ModuleVerifier.Verify(built));

        Assert.Equal<string>(["x_copy", "w_copy", "y", "y_copy", "x_copy_1"], built.Main.Outputs);
        var copies = built.Main.Nodes.Skip(lowered.Main.Nodes.Length).ToList();
        Assert.Equal(
            [("x", "x_copy", "copy_x"), ("w", "w_copy", "copy_w"), ("y", "y_copy", "copy_y"), ("x", "x_copy_1", "copy_x_1")],
            copies.Select(n => (n.Operands.Single(), n.Results.Single().Name, ((StringAttribute)n.GetAttribute("kernel")!).Value)));
        Assert.All(copies, n => Assert.Same(Ops.KernelCall, n.Op));
        Assert.Equal(lowered.Main.Nodes, built.Main.Nodes.Take(lowered.Main.Nodes.Length));
        Assert.Equal(["copy_x", "copy_w", "copy_y", "copy_x_1"], built.Kernels.Skip(lowered.Kernels.Length).Select(k => k.Name));
        Assert.Equal(new StringAttribute("aot"), built.Attributes["executor"]);
        Assert.True(BuildAotExecutorPass.IsBuilt(built));
        Assert.False(BuildAotExecutorPass.IsBuilt(lowered));
        Assert.Equal((5L, 4L), (pass.NumSteps.Value, pass.NumOutputCopies.Value));

        var original = TestRegistry.Parse(Awkward);
        Assert.Null(PositionalEquivalence.Check(original, built, seed: 1, FloatTolerance.Exact, trials: 3));
        Assert.Null(PositionalEquivalence.Check(lowered, built, seed: 2, FloatTolerance.Exact, trials: 3));
    }

    /// <summary>The oracle compares by position, so outputs in the wrong order are caught even when their names are fresh.</summary>
    [Fact]
    public void SwappedOutputsAreADifference()
    {
        var built = AssertBuilt(Lower(Awkward));
        var outputs = built.Main.Outputs;
        var swapped = built.WithGraph(built.Main.WithOutputs(outputs.SetItem(0, outputs[1]).SetItem(1, outputs[0])));
        Assert.Contains("output 0", PositionalEquivalence.Check(TestRegistry.Parse(Awkward), swapped, seed: 1, FloatTolerance.Exact), StringComparison.Ordinal);
    }

    [Fact]
    public void ACopyKernelCopiesEveryElement()
    {
        var built = new BuildAotExecutorPass().Run(Lower(Awkward), new PassContext());
        var copy = built.FindKernel("copy_w")!;
        Assert.Equal(
            """
            kernel @copy_w(in source: i8[4], out destination: i8[4]) {
              for i in 0..4 {
                destination[i] = source[i]
              }
            }

            """,
            KernelPrinter.Print(copy));
    }

    [Fact]
    public void AGraphThatReturnsItsInputComputesTheSameThroughACopy()
    {
        var original = TestRegistry.Parse("""
            graph @main(%x: tensor<2x3xf32>) {
              return %x
            }
            """);
        var built = AssertBuilt(original);
        var copy = Assert.Single(built.Main.Nodes);
        Assert.Equal("x", Assert.Single(copy.Operands));
        Assert.Equal("x_copy", Assert.Single(copy.Results).Name);
        Assert.Equal(new TensorType(ElementType.F32, [2, 3]), copy.Results[0].Type);
        Assert.Equal<string>(["x_copy"], built.Main.Outputs);
        Assert.Null(PositionalEquivalence.Check(original, built, seed: 3, FloatTolerance.Exact));
    }

    /// <summary>Fresh names avoid values and kernels that exist; a name kernel IR cannot spell is made one.</summary>
    [Fact]
    public void FreshNamesAvoidTakenOnesAndSpellValidKernelNames()
    {
        var original = TestRegistry.Parse("""
            graph @main(%"in/put:0": tensor<3xi16>, %"in/put:0_copy": tensor<3xi16>) {
              return %"in/put:0", %"in/put:0_copy"
            }
            """);
        var built = AssertBuilt(original);
        Assert.Equal<string>(["in/put:0_copy_1", "in/put:0_copy_copy"], built.Main.Outputs);
        Assert.Equal(["copy_in_put_0", "copy_in_put_0_copy"], built.Kernels.Select(k => k.Name));
        Assert.Null(PositionalEquivalence.Check(original, built, seed: 4, FloatTolerance.Exact));
    }

    [Fact]
    public void OutputsWrittenByKernelsAreLeftAlone()
    {
        var lowered = Lower("""
            graph @main(%x: tensor<4xf32>) {
              %a = relu(%x) : tensor<4xf32>
              %b = neg(%a) : tensor<4xf32>
              return %b, %a
            }
            """);
        var pass = new BuildAotExecutorPass();
        var built = pass.Run(lowered, new PassContext());
        Assert.Equal(lowered.Main, built.Main);
        Assert.Equal<KernelFunction>(lowered.Kernels, built.Kernels);
        Assert.Equal((2L, 0L), (pass.NumSteps.Value, pass.NumOutputCopies.Value));
        Assert.True(BuildAotExecutorPass.IsBuilt(built));
    }

    [Fact]
    public void RunningItAgainChangesNothing()
    {
        var once = AssertBuilt(Lower(Awkward));
        var pass = new BuildAotExecutorPass();
        Assert.Equal(once, pass.Run(once, new PassContext()));
        Assert.Equal(0, pass.NumOutputCopies.Value);
    }

    [Fact]
    public void ReportsEveryNodeThatIsNotLowered()
    {
        var module = ModuleParser.Parse(
            """
            graph @main(%x: tensor<4xf32>) {
              %w = constant {value = dense<tensor<4xf32>, [1.0, 2.0, 3.0, 4.0]>} : tensor<4xf32>
              %a = add(%x, %w) : tensor<4xf32>
              %b = relu(%a) : tensor<4xf32>
              %c, %d = split(%b) {axis = 0, sizes = [2, 2]} : tensor<2xf32>, tensor<2xf32>
              return %c, %d
            }
            """,
            "unlowered.mir").Module!;
        var context = new PassContext();
        var result = new BuildAotExecutorPass().Run(module, context);
        Assert.Same(module, result);
        Assert.Equal(
            [
                ("unlowered.mir:3:3", "build-aot-executor: %a = add in graph 'main' is not lowered to a kernel; run lower-to-kernels first"),
                ("unlowered.mir:4:3", "build-aot-executor: %b = relu in graph 'main' is not lowered to a kernel; run lower-to-kernels first"),
                ("unlowered.mir:5:3", "build-aot-executor: %c = split in graph 'main' is not lowered to a kernel; run lower-to-kernels first"),
            ],
            context.Diagnostics.Items.Select(d => ($"{d.Location!.File}:{d.Location.Line}:{d.Location.Column}", d.Message)));
        Assert.All(context.Diagnostics.Items, d => Assert.Equal((PassDiagnosticIds.NotLowered, DiagnosticSeverity.Error), (d.Id, d.Severity)));
        Assert.Equal("MTVM2480", PassDiagnosticIds.NotLowered);
    }

    [Fact]
    public void AFusedCallLeftInMainIsReportedThroughThePassManager()
    {
        var fused = AotPipelines.Run(TestRegistry.Parse("""
            graph @main(%x: tensor<4xf32>) {
              %a = relu(%x) : tensor<4xf32>
              %b = neg(%a) : tensor<4xf32>
              return %b
            }
            """), "fuse-ops, build-aot-executor");
        Assert.Null(fused.Module);
        var error = Assert.Single(fused.Diagnostics, d => d.IsError);
        Assert.Equal(PassDiagnosticIds.NotLowered, error.Id);
        Assert.StartsWith("build-aot-executor: %b = call in graph 'main'", error.Message, StringComparison.Ordinal);
    }

    private static Module Lower(string text)
    {
        var result = AotPipelines.Run(TestRegistry.Parse(text), "lower-to-kernels");
        Assert.True(result.Module is not null, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Module.Main.Nodes, n => !ReferenceEquals(n.Op, Ops.Constant) && !ReferenceEquals(n.Op, Ops.KernelCall));
        return result.Module;
    }

    private static Module AssertBuilt(Module module)
    {
        var context = new PassContext();
        var built = new BuildAotExecutorPass().Run(module, context);
        Assert.False(context.Diagnostics.HasErrors, string.Join("\n", context.Diagnostics.Items));
        Assert.Empty(ModuleVerifier.Verify(built));
        return built;
    }
}
