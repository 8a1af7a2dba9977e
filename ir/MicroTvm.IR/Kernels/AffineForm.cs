namespace MicroTvm.IR.Kernels;

/// <summary>
/// An integer expression written as <c>Constant + Σ coefficient·variable</c>, when it is one.
/// Interval arithmetic loses correlations (<c>i·4 + j - i·4</c>); the affine form keeps them, so
/// the verifier bounds affine indices exactly over a box of loop ranges. The terms are kept as an
/// array sorted by name (merged, not rebuilt, when forms combine): forms are built for every
/// index node the passes and the verifier bound.
/// </summary>
public sealed class AffineForm
{
    private readonly (string Name, long Coefficient)[] _terms;
    private ImmutableSortedDictionary<string, long>? _coefficients;

    private AffineForm(long constant, (string Name, long Coefficient)[] terms)
    {
        Constant = constant;
        _terms = terms;
    }

    public long Constant { get; }

    /// <summary>Non-zero coefficients by variable name.</summary>
    public ImmutableSortedDictionary<string, long> Coefficients =>
        _coefficients ??= ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _terms.Select(t => KeyValuePair.Create(t.Name, t.Coefficient)));

    /// <summary>
    /// The affine form of an integer expression built from immediates, variables, +, -, and
    /// multiplication or left shift by a constant; null otherwise or when a coefficient overflows.
    /// </summary>
    public static AffineForm? TryCreate(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Create(expression, TryCreate);
    }

    /// <summary>Exact bounds when every variable has a range; null when one has none.</summary>
    public Interval? Bounds(IReadOnlyDictionary<string, Interval> ranges, ElementType type)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        Int128 min = Constant;
        Int128 max = Constant;
        foreach (var (name, coefficient) in _terms)
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

    /// <summary>
    /// The form of one node from the forms <paramref name="operand"/> gives its operands (null
    /// when an operand has none), so that a caller can remember the forms of shared subtrees.
    /// </summary>
    internal static AffineForm? Create(Expr expression, Func<Expr, AffineForm?> operand)
    {
        try
        {
            return expression switch
            {
                IntImm { Type: ElementType.I32 or ElementType.I64 } immediate => new AffineForm(immediate.Value, []),
                Var { Type: ElementType.I32 or ElementType.I64 } variable => new AffineForm(0, [(variable.Name, 1)]),
                Binary { Op: BinaryOp.Add } add => Combine(operand(add.Left), operand(add.Right), 1),
                Binary { Op: BinaryOp.Sub } sub => Combine(operand(sub.Left), operand(sub.Right), -1),
                Binary { Op: BinaryOp.Mul, Right: IntImm factor } mul => operand(mul.Left)?.Scale(factor.Value),
                Binary { Op: BinaryOp.Mul, Left: IntImm factor } mul => operand(mul.Right)?.Scale(factor.Value),
                Binary { Op: BinaryOp.Shl, Right: IntImm { Value: >= 0 and < 63 } shift } shl => operand(shl.Left)?.Scale(1L << (int)shift.Value),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>left + rightSign·right, merging the sorted terms and dropping those that cancel.</summary>
    private static AffineForm? Combine(AffineForm? left, AffineForm? right, long rightSign)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var (a, b) = (left._terms, right._terms);
        var terms = new (string Name, long Coefficient)[a.Length + b.Length];
        var (i, j, n) = (0, 0, 0);
        while (i < a.Length || j < b.Length)
        {
            var order = i == a.Length ? 1 : j == b.Length ? -1 : string.CompareOrdinal(a[i].Name, b[j].Name);
            if (order < 0)
            {
                terms[n++] = a[i++];
                continue;
            }

            var scaled = checked(rightSign * b[j].Coefficient);
            var sum = order == 0 ? checked(a[i++].Coefficient + scaled) : scaled;
            if (sum != 0)
            {
                terms[n++] = (b[j].Name, sum);
            }

            j++;
        }

        Array.Resize(ref terms, n);
        return new AffineForm(checked(left.Constant + (rightSign * right.Constant)), terms);
    }

    private AffineForm Scale(long factor)
    {
        if (factor == 0)
        {
            return new AffineForm(0, []);
        }

        var terms = new (string Name, long Coefficient)[_terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = (_terms[i].Name, checked(_terms[i].Coefficient * factor));
        }

        return new AffineForm(checked(Constant * factor), terms);
    }
}
