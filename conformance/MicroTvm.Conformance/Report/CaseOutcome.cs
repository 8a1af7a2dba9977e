namespace MicroTvm.Conformance.Report;

/// <summary>
/// One cell of the results table: a case on a board, with instructions per inference (of its
/// first run), the model's flash (its object's text + data) and RAM (inputs, outputs and pools)
/// where it ran, and for a failure or an unsupported case, why.
/// </summary>
public sealed record CaseOutcome(string Case, string Board, CaseStatus Status, string Detail, long? Instructions = null, long? Flash = null, long? Ram = null);
