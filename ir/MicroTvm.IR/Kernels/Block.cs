namespace MicroTvm.IR.Kernels;

/// <summary>A sequence of statements and a scope: a local declared in it lives to the end of the block.</summary>
public sealed record Block : Stmt
{
    public Block(ImmutableArray<Stmt> statements)
    {
        if (statements.IsDefault)
        {
            throw new ArgumentException("statements must not be default", nameof(statements));
        }

        foreach (var statement in statements)
        {
            ArgumentNullException.ThrowIfNull(statement, nameof(statements));
        }

        Statements = statements;
    }

    public ImmutableArray<Stmt> Statements { get; }

    public bool Equals(Block? other) => other is not null && ImmutableArrayEquality.SequenceEqual(Statements, other.Statements);

    public override int GetHashCode() => ImmutableArrayEquality.Hash(Statements);
}
