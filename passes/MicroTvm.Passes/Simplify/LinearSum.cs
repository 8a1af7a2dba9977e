using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes;

/// <summary>
/// An i32 or i64 expression read as <c>Σ coefficient·atom + constant</c>: sums, differences,
/// multiplications and left shifts by constants are looked through, anything else (a variable,
/// a load, a clamp …) is an atom, compared structurally. Rebuilding it gives the canonical index
/// form: one term per atom, atoms on outer loop variables first, the constant last, so that
/// <c>(i*4 + j)*8 + 3 + 5</c> becomes <c>i * 32 + j * 8 + 8</c> and the part invariant in an
/// inner loop is one subexpression that hoist-invariants can move. Integer overflow is undefined
/// in the kernel IR, so the original never overflows; the rebuilt expression is used only when
/// the interval analysis proves that none of its own terms and partial sums can overflow either.
/// One instance serves a whole walk, read again for every linear node: sums are short, so an
/// atom is looked up by comparing it with the few before it, and hashed (which walks the whole
/// atom) only in a long sum.
/// </summary>
internal sealed class LinearSum
{
    private const int LinearScanLimit = 8;

    private readonly Dictionary<Expr, int> _positions = [];
    private readonly List<(Expr Atom, Int128 Coefficient)> _terms = [];
    private readonly List<(Expr Atom, Int128 Coefficient)> _atoms = [];
    private ElementType _type;
    private Int128 _constant;

    /// <summary>Whether <paramref name="expression"/> is an operator the linear form looks through.</summary>
    public static bool IsLinearNode(Expr expression) => expression switch
    {
        Binary { Type: ElementType.I32 or ElementType.I64, Op: BinaryOp.Add or BinaryOp.Sub } => true,
        Binary { Type: ElementType.I32 or ElementType.I64, Op: BinaryOp.Mul } mul => mul.Left is IntImm || mul.Right is IntImm,
        Binary { Type: ElementType.I32 or ElementType.I64, Op: BinaryOp.Shl } shl => ShiftAmount(shl) is not null,
        _ => false,
    };

    /// <summary>Reads the linear form of a linear node, replacing what was read before; false when a coefficient outgrows 128 bits.</summary>
    public bool Read(Expr expression)
    {
        _positions.Clear();
        _terms.Clear();
        _type = expression.Type;
        _constant = 0;
        try
        {
            Collect(expression, 1);
        }
        catch (OverflowException)
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// The canonical expression; null when a coefficient, a term or a partial sum might not fit
    /// the type. <paramref name="rank"/> orders the atoms (lower first, ties in their original
    /// order), except that a positive term or else the constant leads; <paramref name="bounds"/>
    /// bounds an atom; <paramref name="shift"/> says whether a power-of-two coefficient of an atom
    /// becomes a left shift.
    /// </summary>
    public Expr? Build(Func<Expr, int> rank, Func<Expr, Interval> bounds, Func<Expr, bool> shift)
    {
        var range = Interval.Of(_type);
        if (!Fits(_constant, range))
        {
            return null;
        }

        var atoms = _atoms;
        atoms.Clear();
        foreach (var term in _terms)
        {
            if (term.Coefficient != 0)
            {
                atoms.Add(term);
            }
        }

        if (atoms.Count == 0)
        {
            return new IntImm((long)_constant, _type);
        }

        SortByRank(atoms, rank);

        // Lead with a positive term, or else with the constant: k - x rather than x * -1 + k.
        var firstPositive = atoms.FindIndex(t => t.Coefficient > 0);
        if (firstPositive > 0)
        {
            var term = atoms[firstPositive];
            atoms.RemoveAt(firstPositive);
            atoms.Insert(0, term);
        }

        var constantFirst = firstPositive < 0 && _constant != 0;
        Expr? result = constantFirst ? new IntImm((long)_constant, _type) : null;
        Int128 low = constantFirst ? _constant : 0;
        Int128 high = low;
        foreach (var (atom, coefficient) in atoms)
        {
            var subtract = result is not null && coefficient < 0;
            var magnitude = subtract ? -coefficient : coefficient;
            if (!Fits(magnitude, range))
            {
                return null;
            }

            var atomRange = bounds(atom);
            var (termLow, termHigh) = Scale(atomRange, magnitude);
            if (!Fits(termLow, range) || !Fits(termHigh, range))
            {
                return null;
            }

            var term = Term(atom, (long)magnitude, atomRange, shift);
            if (result is null)
            {
                result = term;
                (low, high) = (termLow, termHigh);
            }
            else
            {
                result = new Binary(subtract ? BinaryOp.Sub : BinaryOp.Add, result, term);
                (low, high) = subtract ? (low - termHigh, high - termLow) : (low + termLow, high + termHigh);
            }

            if (!Fits(low, range) || !Fits(high, range))
            {
                return null;
            }
        }

        if (_constant == 0 || constantFirst)
        {
            return result;
        }

        var negative = _constant < 0 && Fits(-_constant, range);
        (low, high) = (low + _constant, high + _constant);
        return Fits(low, range) && Fits(high, range)
            ? new Binary(negative ? BinaryOp.Sub : BinaryOp.Add, result!, new IntImm((long)(negative ? -_constant : _constant), _type))
            : null;
    }

    /// <summary>Stable: atoms of equal rank keep the order they came in (sums are short, so insertion sort).</summary>
    private static void SortByRank(List<(Expr Atom, Int128 Coefficient)> terms, Func<Expr, int> rank)
    {
        if (terms.Count < 2)
        {
            return;
        }

        Span<int> ranks = terms.Count <= 64 ? stackalloc int[terms.Count] : new int[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            ranks[i] = rank(terms[i].Atom);
        }

        for (var i = 1; i < terms.Count; i++)
        {
            var (term, key) = (terms[i], ranks[i]);
            var j = i;
            for (; j > 0 && ranks[j - 1] > key; j--)
            {
                terms[j] = terms[j - 1];
                ranks[j] = ranks[j - 1];
            }

            terms[j] = term;
            ranks[j] = key;
        }
    }

    private Expr Term(Expr atom, long coefficient, Interval atomRange, Func<Expr, bool> shift)
    {
        if (coefficient == 1)
        {
            return atom;
        }

        if (coefficient > 1 && long.IsPow2(coefficient) && atomRange.Min >= 0 && shift(atom))
        {
            return new Binary(BinaryOp.Shl, atom, new IntImm(long.Log2(coefficient), _type));
        }

        return new Binary(BinaryOp.Mul, atom, new IntImm(coefficient, _type));
    }

    private void Collect(Expr expression, Int128 scale)
    {
        if (!IsLinearNode(expression))
        {
            if (expression is IntImm immediate)
            {
                _constant = checked(_constant + (scale * immediate.Value));
            }
            else if (Find(expression) is var position and >= 0)
            {
                var (atom, coefficient) = _terms[position];
                _terms[position] = (atom, checked(coefficient + scale));
            }
            else
            {
                _terms.Add((expression, scale));
            }

            return;
        }

        var binary = (Binary)expression;
        switch (binary.Op)
        {
            case BinaryOp.Add:
                Collect(binary.Left, scale);
                Collect(binary.Right, scale);
                break;
            case BinaryOp.Sub:
                Collect(binary.Left, scale);
                Collect(binary.Right, checked(-scale));
                break;
            case BinaryOp.Mul when binary.Right is IntImm factor:
                Collect(binary.Left, checked(scale * factor.Value));
                break;
            case BinaryOp.Mul:
                Collect(binary.Right, checked(scale * ((IntImm)binary.Left).Value));
                break;
            default:
                Collect(binary.Left, checked(scale * (Int128.One << ShiftAmount(binary)!.Value)));
                break;
        }
    }

    /// <summary>Where the atom structurally equal to <paramref name="atom"/> is in the terms; -1 when none is.</summary>
    private int Find(Expr atom)
    {
        if (_terms.Count > LinearScanLimit)
        {
            for (var i = _positions.Count; i < _terms.Count; i++)
            {
                _positions.Add(_terms[i].Atom, i);
            }

            return _positions.TryGetValue(atom, out var position) ? position : -1;
        }

        for (var i = 0; i < _terms.Count; i++)
        {
            if (_terms[i].Atom.Equals(atom))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A left shift by a constant in [0, bits): the only shifts that are multiplications.</summary>
    private static int? ShiftAmount(Binary shift) =>
        shift.Right is IntImm { Value: >= 0 } amount && amount.Value < shift.Type.ByteSize() * 8 ? (int)amount.Value : null;

    private static (Int128 Low, Int128 High) Scale(Interval range, Int128 factor)
    {
        var a = range.Min * factor;
        var b = range.Max * factor;
        return (Int128.Min(a, b), Int128.Max(a, b));
    }

    private static bool Fits(Int128 value, Interval range) => value >= range.Min && value <= range.Max;
}
