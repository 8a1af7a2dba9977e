namespace MicroTvm.Conformance.Report;

public enum CaseStatus
{
    Pass,
    Fail,
    Unsupported,
}
