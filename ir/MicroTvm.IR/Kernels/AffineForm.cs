namespace MicroTvm.IR.Kernels;

/// <summary>
/// An integer expression written as <c>Constant + Σ coefficient·variable</c>, when it is one.
/// Interval arithmetic loses correlations (<c>i·4 + j - i·4</c>); the affine form keeps them, so
/// the verifier bounds affine indices exactly over a box of loop ranges.
/// </summary>
public sealed class AffineForm
{
    private static readonly ImmutableSortedDictionary<string, long> Empty = ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal);

    private AffineForm(long constant, ImmutableSortedDictionary<string, long> coefficients)
    {
        Constant = constant;
        Coefficients = coefficients;
    }

    public long Constant { get; }

    /// <summary>Non-zero coefficients by variable name.</summary>
    public ImmutableSortedDictionary<string, long> Coefficients { get; }

    /// <summary>
    /// The affine form of an integer expression built from immediates, variables, +, -, and
    /// multiplication or left shift by a constant; null otherwise or when a coefficient overflows.
    /// </summary>
    public static AffineForm? TryCreate(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return Create(expression);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Exact bounds when every variable has a range; null when one has none.</summary>
    public Interval? Bounds(IReadOnlyDictionary<string, Interval> ranges, ElementType type)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        Int128 min = Constant;
        Int128 max = Constant;
        foreach (var (name, coefficient) in Coefficients)
        {
            if (!ranges.TryGetValue(name, out var range))
            {
                return null;
            }

            Int128 low = (Int128)coefficient * range.Min;
            Int128 high = (Int128)coefficient * range.Max;
            min += Int128.Min(low, high);
            max += Int128.Max(low, high);
        }

        return Interval.Hull(type, min, max);
    }

    private static AffineForm? Create(Expr expression) => expression switch
    {
        IntImm { Type: ElementType.I32 or ElementType.I64 } immediate => new AffineForm(immediate.Value, Empty),
        Var { Type: ElementType.I32 or ElementType.I64 } variable =>
            new AffineForm(0, Empty.Add(variable.Name, 1)),
        Binary { Op: BinaryOp.Add } add => Combine(Create(add.Left), Create(add.Right), 1),
        Binary { Op: BinaryOp.Sub } sub => Combine(Create(sub.Left), Create(sub.Right), -1),
        Binary { Op: BinaryOp.Mul, Right: IntImm factor } mul => Create(mul.Left)?.Scale(factor.Value),
        Binary { Op: BinaryOp.Mul, Left: IntImm factor } mul => Create(mul.Right)?.Scale(factor.Value),
        Binary { Op: BinaryOp.Shl, Right: IntImm { Value: >= 0 and < 63 } shift } shl => Create(shl.Left)?.Scale(1L << (int)shift.Value),
        _ => null,
    };

    private static AffineForm? Combine(AffineForm? left, AffineForm? right, long rightSign)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var coefficients = left.Coefficients.ToBuilder();
        foreach (var (name, coefficient) in right.Coefficients)
        {
            var sum = checked(coefficients.GetValueOrDefault(name) + (rightSign * coefficient));
            if (sum == 0)
            {
                coefficients.Remove(name);
            }
            else
            {
                coefficients[name] = sum;
            }
        }

        return new AffineForm(checked(left.Constant + (rightSign * right.Constant)), coefficients.ToImmutable());
    }

    private AffineForm Scale(long factor)
    {
        if (factor == 0)
        {
            return new AffineForm(0, Empty);
        }

        var coefficients = Empty.ToBuilder();
        foreach (var (name, coefficient) in Coefficients)
        {
            coefficients[name] = checked(coefficient * factor);
        }

        return new AffineForm(checked(Constant * factor), coefficients.ToImmutable());
    }
}
