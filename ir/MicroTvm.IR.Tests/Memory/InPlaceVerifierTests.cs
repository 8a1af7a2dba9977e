using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;
using Ids = MicroTvm.IR.Verification.VerifierDiagnosticIds;

namespace MicroTvm.IR.Tests.Memory;

/// <summary>
/// The verifier's in-place rule on <see cref="HandPlannedModule"/>: with <c>in_place = true</c>,
/// %c (copy of %b, which dies at that call; elementwise, gap 0) may share %b's bytes when %b
/// starts at or above %c, and %b (narrow reads all of %a before writing) may share %a's; nothing
/// else may, and without the attribute nothing may.
/// </summary>
public sealed class InPlaceVerifierTests
{
    [Theory]
    [InlineData(96)]
    [InlineData(92)]
    [InlineData(84)]
    public void AcceptsAnOutputAtOrBelowTheInputItOverwrites(int offsetOfC) =>
        Assert.Empty(Verify(Plan(inPlace: true, c: offsetOfC)));

    [Fact]
    public void AcceptsAnOutputOverAnInputReadCompletelyFirst() =>
        Assert.Empty(Verify(Plan(inPlace: true, b: 0, c: 16)));

    [Fact]
    public void WithoutTheAttributeOverlapIsAnError() =>
        AssertOverlap(Plan(inPlace: false, c: 96), "memory plan: %b [96, 112) and %c [96, 112) share bytes of pool @workspace while both are live (steps 2–2)");

    [Fact]
    public void AnInputBelowItsOutputIsAnError() =>
        AssertOverlap(Plan(inPlace: true, c: 100, poolBytes: 116), "memory plan: %b [96, 112) and %c [100, 116) share bytes of pool @workspace while both are live (steps 2–2)");

    [Fact]
    public void AWorkspaceNeverOverlapsAnInput() =>
        AssertOverlap(Plan(inPlace: true, t: 32), "memory plan: %a [0, 64) and %b workspace t [32, 64) share bytes of pool @workspace while both are live (steps 1–1)");

    [Fact]
    public void TheAttributeRoundTripsThroughTheText()
    {
        var module = HandPlannedModule.WithPlan(Plan(inPlace: true, c: 96));
        var printed = ModulePrinter.Print(module);
        Assert.Contains("memory_plan {in_place = true} {", printed, StringComparison.Ordinal);
        Assert.Equal(module.MemoryPlan, ModuleParser.Parse(printed, "again.mir").Module!.MemoryPlan);
    }

    private static string Plan(bool inPlace, int t = 64, int b = 96, int c = 0, long poolBytes = 112) =>
        $"memory_plan {(inPlace ? "{in_place = true} " : string.Empty)}{{\n"
        + $"  pool @workspace {{alignment = 16, bytes = {poolBytes}}}\n"
        + "  %a = @workspace[0]\n"
        + $"  %b workspace t = @workspace[{t}]\n"
        + $"  %b = @workspace[{b}]\n"
        + $"  %c = @workspace[{c}]\n"
        + "}\n";

    private static IReadOnlyList<Diagnostic> Verify(string plan) => ModuleVerifier.Verify(HandPlannedModule.WithPlan(plan));

    private static void AssertOverlap(string plan, string message)
    {
        var error = Assert.Single(Verify(plan));
        Assert.Equal((Ids.OverlappingPlacements, message), (error.Id, error.Message));
    }
}
