using MicroTvm.Conformance.Cases;

namespace MicroTvm.Conformance.Running;

/// <summary>One run in a board's image: which case it belongs to, which compiled model (by C name) it runs, and the run itself.</summary>
internal sealed record PlanEntry(int Case, string Model, CaseRun Run);
