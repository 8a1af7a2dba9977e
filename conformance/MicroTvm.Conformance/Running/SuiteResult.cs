using MicroTvm.Conformance.Report;

namespace MicroTvm.Conformance.Running;

/// <summary>Every case × board outcome of a suite run, in case order, and how long the run took.</summary>
public sealed record SuiteResult(ImmutableArray<CaseOutcome> Outcomes, ImmutableArray<string> Boards, TimeSpan Elapsed)
{
    public int Count(string board, CaseStatus status) => Outcomes.Count(o => o.Board == board && o.Status == status);

    public IEnumerable<CaseOutcome> Failures => Outcomes.Where(o => o.Status == CaseStatus.Fail);
}
