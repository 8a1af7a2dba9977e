namespace MicroTvm.IR.Kernels;

/// <summary>A call of an <see cref="Intrinsic"/>.</summary>
public sealed record Call : Expr
{
    public Call(Intrinsic intrinsic, ImmutableArray<Expr> arguments)
    {
        if (arguments.IsDefault)
        {
            throw new ArgumentException("arguments must not be default", nameof(arguments));
        }

        foreach (var argument in arguments)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(arguments));
        }

        Intrinsic = intrinsic;
        Arguments = arguments;
    }

    public Intrinsic Intrinsic { get; }

    public ImmutableArray<Expr> Arguments { get; }

    public override ElementType Type => Intrinsic.ResultType();

    public bool Equals(Call? other) =>
        other is not null && Intrinsic == other.Intrinsic && ImmutableArrayEquality.SequenceEqual(Arguments, other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Intrinsic, ImmutableArrayEquality.Hash(Arguments));
}
