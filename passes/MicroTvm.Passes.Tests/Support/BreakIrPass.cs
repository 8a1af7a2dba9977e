namespace MicroTvm.Passes.Tests.Support;

/// <summary>Drops every node but keeps the outputs: produces a module the verifier rejects.</summary>
[Pass("test-break-ir", "removes all nodes, leaving outputs undefined", Description = "Test only.")]
public sealed class BreakIrPass : Pass
{
    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(g => g.WithNodes([]))]);
}
