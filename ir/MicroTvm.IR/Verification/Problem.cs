namespace MicroTvm.IR.Verification;

/// <summary>One violated invariant, before the verifier attaches a place and a location to it.</summary>
internal readonly record struct Problem(string Id, string Message);
