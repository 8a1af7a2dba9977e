using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Passes;

/// <summary>
/// One execution of a pass: its 1-based number in execution order (a pass nested under an
/// anchor runs once per unit and counts each time) and where it sits (<c>each graph</c> …).
/// </summary>
public sealed record PassRun(int Number, ResolvedPass Step, ImmutableArray<AnchorDescriptor> Anchors)
{
    public string PassName => Step.Pass.Name;
}
