namespace MicroTvm.IR.Kernels;

/// <summary>
/// <c>for Variable in 0..Extent</c> with step 1. The extent is a constant, which is what lets the
/// verifier prove every index in bounds. <see cref="Unroll"/> is a hint backends may ignore.
/// </summary>
public sealed record For : Stmt
{
    public For(Var variable, int extent, Stmt body, bool unroll = false)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(extent, 1);
        if (variable.Type != ElementType.I32)
        {
            throw new ArgumentException($"loop variable '{variable.Name}' must be i32, not {variable.Type.Mnemonic()}", nameof(variable));
        }

        Variable = variable;
        Extent = extent;
        Body = body;
        Unroll = unroll;
    }

    public Var Variable { get; }

    public int Extent { get; }

    public Stmt Body { get; }

    public bool Unroll { get; }
}
