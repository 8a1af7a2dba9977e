namespace MicroTvm.Conformance.Cases;

/// <summary>
/// A conformance case: a name (<c>suite/what</c>), the model it compiles and, given the imported
/// module, the inferences to run with their checks. <see cref="Unsupported"/> marks a case the
/// project cannot run yet, with the reason, before anything is compiled.
/// </summary>
internal sealed record ConformanceCase(string Name, ModelSource Model, Func<Module, IReadOnlyList<CaseRun>> Runs, string? Unsupported = null)
{
    public string Suite => Name[..Name.IndexOf('/', StringComparison.Ordinal)];
}
