using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes.Tests.KernelPasses;

/// <summary>
/// Size and work measures of kernels: IR nodes as written, and IR nodes evaluated per run, each
/// statement's nodes times the trip counts of its loops plus one per loop iteration for the loop
/// itself (both branches of an if counted, so an upper bound where guards skip work).
/// </summary>
internal static class KernelCost
{
    public static long Nodes(Module module) => module.Kernels.Sum(k => (long)KernelFacts.NodeCount(k.Body));

    public static long Evaluations(Module module) => module.Kernels.Sum(k => Evaluations(k.Body, 1));

    public static long Loops(Module module) => module.Kernels.Sum(k => KernelTraversal.Statements(k.Body).OfType<For>().Count());

    private static long Evaluations(Stmt statement, long trips) => statement switch
    {
        Block block => block.Statements.Sum(s => Evaluations(s, trips)),
        For loop => (trips * loop.Extent) + Evaluations(loop.Body, trips * loop.Extent),
        If branch => (trips * (1 + KernelFacts.Count(branch.Condition))) + Evaluations(branch.Then, trips) + (branch.Else is { } otherwise ? Evaluations(otherwise, trips) : 0),
        _ => trips * KernelFacts.NodeCount(statement),
    };
}
