namespace MicroTvm.Conformance.Running;

/// <summary>What one planned run gave on a board: null <see cref="Failure"/> when its check passed.</summary>
internal sealed record EntryResult(string? Failure, long? Instructions);
