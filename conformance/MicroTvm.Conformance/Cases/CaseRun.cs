namespace MicroTvm.Conformance.Cases;

/// <summary>
/// One inference of a case: the inputs (by the compiled model's input names) and the check of
/// the outputs the firmware produced, which returns null when they are right and otherwise says
/// how they differ (the first differing elements).
/// </summary>
internal sealed record CaseRun(string Label, IReadOnlyDictionary<string, TensorData> Inputs, Func<IReadOnlyDictionary<string, TensorData>, string?> Check);
