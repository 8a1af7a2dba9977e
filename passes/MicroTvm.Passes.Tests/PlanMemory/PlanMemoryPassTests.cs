using MicroTvm.IR.Memory;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;
using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.PlanMemory;

/// <summary>
/// plan-memory on lowered modules whose plans are worked out by hand: the exact plan and
/// statistics, its options, and its three errors (no executor, pool too small, bad alignment).
/// </summary>
public sealed class PlanMemoryPassTests
{
    /// <summary>
    /// Buffers (bytes, alignment, live steps): %a (64, 16, 0–1), %b (16, 1, 1–2), narrow's
    /// workspace t (32, 8, 1–1), %c (16, 4, 2–3); %x and %y are the application's. Live planned
    /// bytes per step: 64, 112, 32, 16. Greedy-by-size places %a, t, %b, %c in that order at 0, 64, 96, 0.
    /// </summary>
    internal const string Lowered = HandPlannedSample.Text;

    /// <summary>
    /// A chain x → L (9 B) → b (2 B) → R (8 B) → RR (10 B) → y where greedy-by-size needs more than
    /// the lower bound (R + RR = 18): RR, L at 0, R above RR at 10, and b fits neither under L nor
    /// between L and R, so it lands at 18: 20 bytes. (RR at 0, R at 10, b at 0, L at 2 would take 18.)
    /// </summary>
    internal const string GreedyLosingChain = """
        graph @main(%x: tensor<4xi8>) {
          %L = kernel_call(%x) {kernel = "to9"} : tensor<9xi8>
          %b = kernel_call(%L) {kernel = "to2"} : tensor<2xi8>
          %R = kernel_call(%b) {kernel = "to8"} : tensor<8xi8>
          %RR = kernel_call(%R) {kernel = "to10"} : tensor<10xi8>
          %y = kernel_call(%RR) {kernel = "to4"} : tensor<4xi8>
          return %y
        }

        kernel @to9(in s: i8[4], out d: i8[9]) {
          for i in 0..9 {
            d[i] = s[i % 4]
          }
        }

        kernel @to2(in s: i8[9], out d: i8[2]) {
          for i in 0..2 {
            d[i] = s[i * 4]
          }
        }

        kernel @to8(in s: i8[2], out d: i8[8]) {
          for i in 0..8 {
            d[i] = s[i % 2]
          }
        }

        kernel @to10(in s: i8[8], out d: i8[10]) {
          for i in 0..10 {
            d[i] = s[i % 8]
          }
        }

        kernel @to4(in s: i8[10], out d: i8[4]) {
          for i in 0..4 {
            d[i] = s[i * 2]
          }
        }
        """;

    [Fact]
    public void PlansTheHandWorkedModuleAtItsLowerBound()
    {
        var built = Built(Lowered);
        var pass = new PlanMemoryPass();
        var planned = Plan(pass, built);
        Assert.Equal(
            """
            memory_plan {algorithm = "greedy-by-size", lower_bound_bytes = 112} {
              pool @workspace {alignment = 16, bytes = 112}
              %a = @workspace[0]
              %b = @workspace[96]
              %b workspace t = @workspace[64]
              %c = @workspace[0]
            }

            """,
            PlanText(planned));
        Assert.Equal((4L, 112L, 112L), (pass.NumBuffers.Value, pass.PoolBytes.Value, pass.LowerBoundBytes.Value));
        Assert.Equal(built.Main, planned.Main);
        Assert.Equal(built.Kernels.Select(k => k.Name), planned.Kernels.Select(k => k.Name));
        Assert.Null(SemanticEquivalence.Check(TestRegistry.Parse(Lowered), planned, seed: 5, FloatTolerance.Exact));
    }

    [Fact]
    public void GreedyBySizeCanNeedMoreThanTheLowerBoundEvenOnAChain()
    {
        var pass = new PlanMemoryPass();
        var planned = Plan(pass, Built(GreedyLosingChain));
        Assert.Equal(
            """
            memory_plan {algorithm = "greedy-by-size", lower_bound_bytes = 18} {
              pool @workspace {alignment = 16, bytes = 20}
              %L = @workspace[0]
              %b = @workspace[18]
              %R = @workspace[10]
              %RR = @workspace[0]
            }

            """,
            PlanText(planned));
        Assert.Equal((20L, 18L), (pass.PoolBytes.Value, pass.LowerBoundBytes.Value));
    }

    [Fact]
    public void ThePoolTakesTheNameAndAtLeastTheAlignmentAsked()
    {
        var built = Built(Lowered);
        var sram = Plan(new PlanMemoryPass { Pool = "sram 0", Alignment = 64 }, built).MemoryPlan!;
        Assert.Equal<MemoryPool>([new MemoryPool("sram 0", 112, 64)], sram.Pools);
        Assert.All(sram.Placements, p => Assert.Equal("sram 0", p.Pool));

        // The pool's base must satisfy every buffer, so a smaller alignment is raised to %a's 16.
        var raised = Plan(new PlanMemoryPass { Alignment = 4 }, built).MemoryPlan!;
        Assert.Equal<MemoryPool>([new MemoryPool("workspace", 112, 16)], raised.Pools);
    }

    [Fact]
    public void APoolSizeThatFitsIsAccepted()
    {
        var planned = Plan(new PlanMemoryPass { PoolSize = new ByteSize(112) }, Built(Lowered));
        Assert.Equal(112, planned.MemoryPlan!.FindPool("workspace")!.Bytes);
    }

    [Fact]
    public void APoolTooSmallSaysHowManyBytesAreMissingAndWhatIsLive()
    {
        var built = Built(Lowered);
        var context = new PassContext();
        var result = new PlanMemoryPass { PoolSize = new ByteSize(100) }.Run(built, context);
        Assert.Same(built, result);
        var error = Assert.Single(context.Diagnostics.Items);
        Assert.Equal((PassDiagnosticIds.PoolTooSmall, "MTVM2501"), (error.Id, PassDiagnosticIds.PoolTooSmall));
        Assert.Equal(
            "plan-memory: pool 'workspace' has 100 bytes but the plan needs 112: 12 bytes short "
                + "(the lower bound is 112; live at the peak, step 1: %a (64 B), %b (16 B), %b workspace t (32 B))",
            error.Message);
    }

    /// <summary>The plan may miss a pool the lower bound fits: the message gives both numbers.</summary>
    [Fact]
    public void APoolBetweenTheBoundAndTheGreedyPlanIsTooSmall()
    {
        var result = AotPipelines.Run(TestRegistry.Parse(GreedyLosingChain), "build-aot-executor, plan-memory { pool-size = 19B }");
        Assert.Null(result.Module);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(PassDiagnosticIds.PoolTooSmall, error.Id);
        Assert.Equal(
            "plan-memory: pool 'workspace' has 19 bytes but the plan needs 20: 1 bytes short "
                + "(the lower bound is 18; live at the peak, step 3: %R (8 B), %RR (10 B))",
            error.Message);
    }

    [Fact]
    public void WithoutAnExecutorThereIsNothingToPlan()
    {
        var lowered = TestRegistry.Parse(Lowered);
        var context = new PassContext();
        Assert.Same(lowered, new PlanMemoryPass().Run(lowered, context));
        var error = Assert.Single(context.Diagnostics.Items);
        Assert.Equal(
            ("MTVM2500", "plan-memory: the module has no executor to plan; run build-aot-executor first"),
            (error.Id, error.Message));

        var piped = AotPipelines.Run(lowered, "plan-memory");
        Assert.Null(piped.Module);
        Assert.Equal([PassDiagnosticIds.NoExecutor], piped.Diagnostics.Where(d => d.IsError).Select(d => d.Id));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(-16)]
    [InlineData(24)]
    public void AnAlignmentThatIsNotAPowerOfTwoIsRejected(int alignment)
    {
        var built = Built(Lowered);
        var context = new PassContext();
        Assert.Same(built, new PlanMemoryPass { Alignment = alignment }.Run(built, context));
        var error = Assert.Single(context.Diagnostics.Items);
        Assert.Equal(
            ("MTVM2502", $"plan-memory: alignment {alignment} is not a power of two"),
            (error.Id, error.Message));
    }

    [Fact]
    public void AnAlignmentOptionFromPipelineTextReachesThePass()
    {
        var result = AotPipelines.Run(TestRegistry.Parse(Lowered), "build-aot-executor, plan-memory { alignment = 3 }");
        Assert.Null(result.Module);
        Assert.Equal([PassDiagnosticIds.InvalidPlanOption], result.Diagnostics.Where(d => d.IsError).Select(d => d.Id));
    }

    /// <summary>
    /// With the I/O planned, %x (16 B, live 0–3) and %y (16 B, step 3) join: live bytes per step
    /// 80, 128, 48, 48, so the bound is 128 (Plan's verifier run checks that no live buffers share bytes).
    /// </summary>
    [Fact]
    public void AnIoPoolHoldsTheModelsInputsAndOutputs()
    {
        var planned = Plan(new PlanMemoryPass { IoPool = "workspace" }, Built(Lowered));
        var plan = planned.MemoryPlan!;
        Assert.True(plan.HoldsIo);
        Assert.Equal("workspace", plan.Find("x")!.Pool);
        Assert.Equal("workspace", plan.Find("y")!.Pool);
        Assert.Equal(new IntAttribute(128), plan.Attributes["lower_bound_bytes"]);
        Assert.Equal(128, plan.Pools.Single().Bytes);
        Assert.Equal(6, PlannableBuffers.Of(planned).Length);
    }

    /// <summary>
    /// %o is a model output that the last call still reads: with the I/O planned in place, %p may
    /// be written over %x (which dies there) but never over %o, which the application reads after the run.
    /// </summary>
    [Fact]
    public void InPlaceNeverWritesOverAModelOutput()
    {
        var planned = Plan(new PlanMemoryPass { IoPool = "workspace", InPlace = true }, Built("""
            graph @main(%x: tensor<16xi8>) {
              %o = kernel_call(%x) {kernel = "copy"} : tensor<16xi8>
              %p = kernel_call(%o, %x) {kernel = "add"} : tensor<16xi8>
              return %o, %p
            }

            kernel @copy(in a: i8[16], out b: i8[16]) {
              for i in 0..16 {
                b[i] = a[i]
              }
            }

            kernel @add(in a: i8[16], in c: i8[16], out b: i8[16]) {
              for i in 0..16 {
                b[i] = cast<i8>(cast<i32>(a[i]) + cast<i32>(c[i]))
              }
            }
            """));
        var plan = planned.MemoryPlan!;
        var (o, p) = (plan.Find("o")!, plan.Find("p")!);
        Assert.True(o.Offset + 16 <= p.Offset || p.Offset + 16 <= o.Offset, $"%p at {p.Offset} overlaps the output %o at {o.Offset}");
        Assert.Equal(32, plan.Pools.Single().Bytes);
    }

    [Fact]
    public void AnIoPoolThatIsNotAPoolIsRejected()
    {
        var built = Built(Lowered);
        var context = new PassContext();
        Assert.Same(built, new PlanMemoryPass { IoPool = "sram" }.Run(built, context));
        Assert.Equal(
            ("MTVM2502", "plan-memory: io-pool 'sram' is not the pool 'workspace'"),
            (context.Diagnostics.Items.Single().Id, context.Diagnostics.Items.Single().Message));

        var listed = AotPipelines.Run(TestRegistry.Parse(Lowered), "build-aot-executor, plan-memory { pools = [\"a\", \"b\"], io-pool = \"c\" }");
        Assert.Equal(
            ["plan-memory: io-pool 'c' is not one of the pools (a, b)"],
            listed.Diagnostics.Where(d => d.IsError).Select(d => d.Message));
    }

    [Fact]
    public void AModuleWithoutIntermediatesGetsAnEmptyPlan()
    {
        var planned = Plan(new PlanMemoryPass(), Built("""
            graph @main(%x: tensor<4xi8>) {
              %y = kernel_call(%x) {kernel = "k"} : tensor<4xi8>
              return %y
            }

            kernel @k(in x: i8[4], out y: i8[4]) {
              for i in 0..4 {
                y[i] = x[i]
              }
            }
            """));
        Assert.Equal("memory_plan {algorithm = \"greedy-by-size\", lower_bound_bytes = 0} {\n}\n", PlanText(planned));
    }

    [Fact]
    public void PlanningAgainReplacesThePlanWithAnEqualOne()
    {
        var once = Plan(new PlanMemoryPass(), Built(Lowered));
        var twice = Plan(new PlanMemoryPass(), once);
        Assert.Equal(once, twice);
        var elsewhere = Plan(new PlanMemoryPass { Pool = "other" }, once);
        Assert.Equal(["other"], elsewhere.MemoryPlan!.Pools.Select(p => p.Name));
    }

    [Fact]
    public void TheCodegenPipelinePlansTinyCnnAtItsLowerBound()
    {
        var original = ModuleParser.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "tiny_cnn.mir")), "tiny_cnn.mir").Module!;
        var (result, lowered) = AotPipelines.Run(original, AotPipelines.Codegen);
        Assert.True(result.Module is not null, string.Join("\n", result.Diagnostics));
        var plan = result.Module.MemoryPlan!;
        var bound = PlannableBuffers.LowerBound(PlannableBuffers.Of(result.Module)).Bytes;
        Assert.Equal(bound, plan.Pools.Single().Bytes);
        Assert.Equal(new IntAttribute(bound), plan.Attributes["lower_bound_bytes"]);
        Assert.True(PlannableBuffers.LowerBoundWithIo(result.Module) >= bound);
        Assert.Null(SemanticEquivalence.Check(lowered!, result.Module, seed: 9, FloatTolerance.Exact, trials: 2));
    }

    internal static Module Built(string lowered)
    {
        var result = AotPipelines.Run(TestRegistry.Parse(lowered), "build-aot-executor");
        Assert.True(result.Module is not null, string.Join("\n", result.Diagnostics));
        return result.Module;
    }

    internal static Module Plan(PlanMemoryPass pass, Module built)
    {
        var context = new PassContext();
        var planned = pass.Run(built, context);
        Assert.False(context.Diagnostics.HasErrors, string.Join("\n", context.Diagnostics.Items));
        Assert.NotNull(planned.MemoryPlan);
        Assert.Empty(ModuleVerifier.Verify(planned));
        return planned;
    }

    /// <summary>The memory_plan block as printed (the module prints it last).</summary>
    internal static string PlanText(Module module)
    {
        var text = ModulePrinter.Print(module);
        return text[text.IndexOf("memory_plan ", StringComparison.Ordinal)..];
    }
}
