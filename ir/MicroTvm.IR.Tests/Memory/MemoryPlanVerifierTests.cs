using MicroTvm.IR.Verification;
using Ids = MicroTvm.IR.Verification.VerifierDiagnosticIds;

namespace MicroTvm.IR.Tests.Memory;

/// <summary>
/// The verifier's check of a memory plan against <see cref="HandPlannedModule"/> (buffers and
/// lifetimes in its summary): one case per diagnostic MTVM1080–MTVM1087 with its exact message,
/// and the plans it must accept, including bytes reused once a lifetime has ended.
/// </summary>
public sealed class MemoryPlanVerifierTests
{
    private const string Unplannable = "is not an intermediate buffer of the executor (only kernel_call results that are not graph outputs, and kernel workspaces, live in pools unless the plan has io_in_pool = true)";

    /// <summary>The greedy plan with the model's I/O placed too: %x (16 B, steps 0–3) at 112, %y (16 B, from step 3 to past the end) at 144.</summary>
    private const string PlanHoldingIo = """
        memory_plan {io_in_pool = true} {
          pool @workspace {alignment = 16, bytes = 160}
          %x = @workspace[112]
          %a = @workspace[0]
          %b workspace t = @workspace[64]
          %b = @workspace[96]
          %c = @workspace[0]
          %y = @workspace[144]
        }
        """;

    [Fact]
    public void AcceptsTheGreedyPlan() =>
        Assert.Empty(Verify(HandPlannedModule.ValidPlan));

    [Fact]
    public void AcceptsALoweredModuleWithoutAPlan() =>
        Assert.Empty(ModuleVerifier.Verify(HandPlannedModule.Lowered));

    /// <summary>%c (steps 2–3) may take the bytes of %a (0–1) or of the workspace (1–1): neither is live with it.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(48)]
    [InlineData(64)]
    [InlineData(80)]
    public void AcceptsBytesReusedAfterALifetimeEnds(int offsetOfC) =>
        Assert.Empty(Verify(Plan(c: offsetOfC)));

    [Fact]
    public void AcceptsBuffersAtTheSameOffsetOfDifferentPools() =>
        Assert.Empty(Verify("""
            memory_plan {
              pool @big {alignment = 16, bytes = 64}
              pool @small {alignment = 8, bytes = 64}
              %a = @big[0]
              %b workspace t = @small[0]
              %b = @small[32]
              %c = @big[0]
            }
            """));

    [Fact]
    public void AcceptsAPlanHoldingTheModelsInputsAndOutputs() =>
        Assert.Empty(Verify(PlanHoldingIo));

    [Fact]
    public void APlanHoldingTheIoMustPlaceEveryInputAndOutput() =>
        AssertSingle(PlanHoldingIo.Replace("  %y = @workspace[144]\n", string.Empty, StringComparison.Ordinal), Ids.UnplacedBuffer, "memory plan: %y (16 bytes) has no place");

    /// <summary>%y is written at step 3, where %c is still read: without the in-place rule they may not share bytes.</summary>
    [Fact]
    public void AnOutputInThePoolIsLiveFromItsStep() =>
        AssertSingle(
            PlanHoldingIo.Replace("%y = @workspace[144]", "%y = @workspace[0]", StringComparison.Ordinal),
            Ids.OverlappingPlacements,
            "memory plan: %c [0, 16) and %y [0, 16) share bytes of pool @workspace while both are live (steps 3–3)");

    [Fact]
    public void AcceptsAPoolLargerThanNeeded() =>
        Assert.Empty(Verify(Plan(poolBytes: 1 << 20, alignment: 64)));

    [Fact]
    public void ReportsADuplicatePool() =>
        AssertSingle(
            Plan(extraPool: "pool @workspace {alignment = 16, bytes = 112}"),
            Ids.DuplicatePool,
            "memory plan: pool @workspace is declared more than once");

    [Theory]
    [InlineData("%x = @workspace[0]", "%x")]
    [InlineData("%y = @workspace[0]", "%y")]
    [InlineData("%a workspace t = @workspace[0]", "%a workspace t")]
    [InlineData("%b workspace u = @workspace[0]", "%b workspace u")]
    [InlineData("%nothing = @workspace[0]", "%nothing")]
    public void ReportsAPlacementOfSomethingThatIsNotAPlannableBuffer(string placement, string buffer) =>
        AssertSingle(Plan(extraPlacement: placement), Ids.UnplannableBuffer, $"memory plan: {buffer} {Unplannable}");

    [Theory]
    [InlineData("%c = @workspace[0]", "%c")]
    [InlineData("%b workspace t = @workspace[64]", "%b workspace t")]
    public void ReportsABufferPlacedTwice(string placement, string buffer) =>
        AssertSingle(Plan(extraPlacement: placement), Ids.DuplicatePlacement, $"memory plan: {buffer} is placed more than once");

    [Fact]
    public void ReportsAPlacementInAnUndeclaredPool() =>
        AssertSingle(
            Plan().Replace("%c = @workspace[0]", "%c = @sram[0]", StringComparison.Ordinal),
            Ids.UnknownPool,
            "memory plan: %c is placed in pool @sram, which the plan does not declare");

    [Theory]
    [InlineData("%c = @workspace[0]", "memory plan: %c (16 bytes) has no place")]
    [InlineData("%b workspace t = @workspace[64]", "memory plan: %b workspace t (32 bytes) has no place")]
    public void ReportsABufferWithoutAPlace(string removed, string message) =>
        AssertSingle(Plan().Replace("  " + removed + "\n", string.Empty, StringComparison.Ordinal), Ids.UnplacedBuffer, message);

    [Fact]
    public void ReportsAnOffsetThatBreaksTheBuffersAlignment() =>
        AssertSingle(
            Plan(c: 2),
            Ids.MisalignedPlacement,
            "memory plan: %c needs 4-byte alignment but is at offset 2 of pool @workspace (aligned to 16)");

    /// <summary>Offset 0 is aligned to anything, but only as far as the pool's base is.</summary>
    [Fact]
    public void ReportsAPoolBaseLessAlignedThanABufferNeeds() =>
        AssertSingle(
            Plan(alignment: 8),
            Ids.MisalignedPlacement,
            "memory plan: %a needs 16-byte alignment but is at offset 0 of pool @workspace (aligned to 8)");

    [Fact]
    public void ReportsABufferThatRunsPastTheEndOfItsPool() =>
        AssertSingle(
            Plan(poolBytes: 100),
            Ids.PlacementOutsidePool,
            "memory plan: %b occupies bytes [96, 112) but pool @workspace has 100");

    [Fact]
    public void ReportsAWorkspaceOverlappingABufferLiveAtItsStep() =>
        AssertSingle(
            Plan(t: 48),
            Ids.OverlappingPlacements,
            "memory plan: %a [0, 64) and %b workspace t [48, 80) share bytes of pool @workspace while both are live (steps 1–1)");

    /// <summary>A kernel reads its operands while it writes its results, so %b (1–2) and %c (2–3) meet at step 2.</summary>
    [Fact]
    public void ReportsAResultOverlappingItsOwnOperand() =>
        AssertSingle(
            Plan(c: 100),
            Ids.OverlappingPlacements,
            "memory plan: %b [96, 112) and %c [100, 116) share bytes of pool @workspace while both are live (steps 2–2)",
            alsoExpected: Ids.PlacementOutsidePool);

    /// <summary>A kernel's scratch is live while it writes its results, so they must not share bytes either.</summary>
    [Fact]
    public void ReportsAWorkspaceOverlappingItsOwnCallsResult() =>
        AssertSingle(
            Plan(b: 64),
            Ids.OverlappingPlacements,
            "memory plan: %b workspace t [64, 96) and %b [64, 80) share bytes of pool @workspace while both are live (steps 1–1)");

    [Fact]
    public void ReportsEveryProblemOfAPlanInOneRun()
    {
        const string plan = """
            memory_plan {
              pool @workspace {alignment = 8, bytes = 48}
              pool @workspace {alignment = 8, bytes = 64}
              %a = @workspace[0]
              %b workspace t = @workspace[4]
              %b = @elsewhere[0]
              %y = @workspace[0]
              %a = @workspace[0]
            }

            """;
        Assert.Equal(
            [
                (Ids.DuplicatePool, "memory plan: pool @workspace is declared more than once"),
                (Ids.MisalignedPlacement, "memory plan: %a needs 16-byte alignment but is at offset 0 of pool @workspace (aligned to 8)"),
                (Ids.PlacementOutsidePool, "memory plan: %a occupies bytes [0, 64) but pool @workspace has 48"),
                (Ids.MisalignedPlacement, "memory plan: %b workspace t needs 8-byte alignment but is at offset 4 of pool @workspace (aligned to 8)"),
                (Ids.UnknownPool, "memory plan: %b is placed in pool @elsewhere, which the plan does not declare"),
                (Ids.UnplannableBuffer, $"memory plan: %y {Unplannable}"),
                (Ids.DuplicatePlacement, "memory plan: %a is placed more than once"),
                (Ids.UnplacedBuffer, "memory plan: %c (16 bytes) has no place"),
                (Ids.OverlappingPlacements, "memory plan: %a [0, 64) and %b workspace t [4, 36) share bytes of pool @workspace while both are live (steps 1–1)"),
            ],
            Verify(plan).Select(d => (d.Id, d.Message)));
    }

    /// <summary>The plan is checked against buffers computed from a valid graph; with a broken graph only the graph is reported.</summary>
    [Fact]
    public void APlanIsNotJudgedAgainstABrokenGraph()
    {
        var module = HandPlannedModule.Parse(
            HandPlannedModule.Graph.Replace("kernel = \"copy\"", "kernel = \"missing\"", StringComparison.Ordinal) + HandPlannedModule.Kernels
            + "memory_plan {\n  %z = @nowhere[0]\n}\n");
        var diagnostic = Assert.Single(ModuleVerifier.Verify(module));
        Assert.Equal(Ids.UnknownKernel, diagnostic.Id);
    }

    /// <summary>
    /// A workspace is named after its call's first result; a call with no result (a kernel that
    /// only has inputs and scratch) still verifies, and its workspace is reported rather than crashing the verifier.
    /// </summary>
    [Fact]
    public void ACallWithoutResultsIsReportedNotACrash()
    {
        var module = HandPlannedModule.Parse("""
            graph @main(%x: tensor<4xi8>) {
              kernel_call(%x) {kernel = "sink"}
              return %x
            }

            kernel @sink(in x: i8[4], workspace t: i32[4]) {
              for i in 0..4 {
                t[i] = cast<i32>(x[i])
              }
            }

            memory_plan {
            }
            """);
        Assert.Equal(VerifierDiagnosticIds.KernelCallWithoutResults, Assert.Single(ModuleVerifier.Verify(module.WithMemoryPlan(null))).Id);
        Assert.Equal(VerifierDiagnosticIds.KernelCallWithoutResults, Assert.Single(ModuleVerifier.Verify(module)).Id);
    }

    [Fact]
    public void DiagnosticIdsAreTheDocumentedOnes() =>
        Assert.Equal(
            ["MTVM1080", "MTVM1081", "MTVM1082", "MTVM1083", "MTVM1084", "MTVM1085", "MTVM1086", "MTVM1087"],
            [Ids.DuplicatePool, Ids.UnplannableBuffer, Ids.DuplicatePlacement, Ids.UnknownPool, Ids.UnplacedBuffer, Ids.MisalignedPlacement, Ids.PlacementOutsidePool, Ids.OverlappingPlacements]);

    /// <summary>The greedy plan with some offsets, the pool or an extra line changed.</summary>
    private static string Plan(int a = 0, int t = 64, int b = 96, int c = 0, long poolBytes = 112, int alignment = 16, string? extraPool = null, string? extraPlacement = null) =>
        "memory_plan {\n"
        + $"  pool @workspace {{alignment = {alignment}, bytes = {poolBytes}}}\n"
        + (extraPool is null ? string.Empty : $"  {extraPool}\n")
        + $"  %a = @workspace[{a}]\n"
        + $"  %b workspace t = @workspace[{t}]\n"
        + $"  %b = @workspace[{b}]\n"
        + $"  %c = @workspace[{c}]\n"
        + (extraPlacement is null ? string.Empty : $"  {extraPlacement}\n")
        + "}\n";

    private static IReadOnlyList<Diagnostic> Verify(string plan) =>
        ModuleVerifier.Verify(HandPlannedModule.WithPlan(plan));

    private static void AssertSingle(string plan, string id, string message, string? alsoExpected = null)
    {
        var diagnostics = Verify(plan);
        var matching = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(message, matching.Message);
        Assert.Equal(DiagnosticSeverity.Error, matching.Severity);
        Assert.Equal(alsoExpected is null ? [] : [alsoExpected], diagnostics.Where(d => d.Id != id).Select(d => d.Id));
    }
}
