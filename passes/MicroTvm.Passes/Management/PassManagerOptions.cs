namespace MicroTvm.Passes;

public sealed record PassManagerOptions
{
    /// <summary>Run the verifier after every pass (on by default; <c>--no-verify-each</c>).</summary>
    public bool VerifyEach { get; init; } = true;

    public Func<Module, ImmutableArray<Diagnostic>> Verifier { get; init; } = MicroTvm.IR.Verification.ModuleVerifier.Verify;
}
