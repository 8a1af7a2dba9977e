namespace MicroTvm.Passes.Testing;

/// <summary>Null <see cref="Failure"/> means the test passed; otherwise it says what was expected and what came out.</summary>
public sealed record MirTestOutcome(string? Failure)
{
    public bool Passed => Failure is null;
}
