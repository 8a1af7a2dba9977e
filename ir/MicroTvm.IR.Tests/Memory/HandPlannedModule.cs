using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Memory;

/// <summary>
/// A small lowered main graph whose plannable buffers are worked out by hand, for the memory-plan tests:
/// <code>
/// step  node                     planned buffer                                 bytes  align  live
///  0    %a = kernel_call @widen  %a (16 x i32; widen's out align 16 &gt; narrow's in align 8)   64    16   0–1
///  1    %b = kernel_call @narrow %b (16 x i8)                                     16     1   1–2
///                                %b workspace t (narrow's workspace, 8 x i32)    32     8   1–1
///  2    %c = kernel_call @copy   %c (16 x i8; copy's out align 4)                 16     4   2–3
///  3    %y = kernel_call @add    %y is the graph output: the application's, not planned
/// </code>
/// The input %x (16 B) is read at steps 0 and 3, so it is live 0–3. Planned bytes live per step:
/// 64, 112, 32, 16 (lower bound 112 at step 1); with %x and %y: 80, 128, 48, 48.
/// </summary>
internal static class HandPlannedModule
{
    public const string Graph = HandPlannedSample.Graph;

    public const string Kernels = HandPlannedSample.Kernels;

    /// <summary>What greedy-by-size makes of it (largest first: %a, t, %b, %c): 112 bytes, the lower bound; %c reuses %a's bytes.</summary>
    public const string ValidPlan = """
        memory_plan {
          pool @workspace {alignment = 16, bytes = 112}
          %a = @workspace[0]
          %b workspace t = @workspace[64]
          %b = @workspace[96]
          %c = @workspace[0]
        }

        """;

    public static Module Lowered => Parse(Graph + Kernels);

    public static Module WithPlan(string plan) => Parse(Graph + Kernels + plan);

    public static Module Parse(string text)
    {
        var result = ModuleParser.Parse(text, "planned.mir");
        Assert.True(result.Module is not null, string.Join("\n", result.Diagnostics.Select(d => DiagnosticFormatter.Format(d, text))));
        return result.Module;
    }
}
