namespace MicroTvm.IR.Kernels;

/// <summary>
/// Sound bounds of integer expressions given ranges for (loop) variables. Affine subexpressions
/// are bounded exactly through <see cref="AffineForm"/>; everything else by interval arithmetic,
/// falling back to the whole range of the expression's type. Arithmetic that would overflow is
/// undefined behaviour, so results are clipped to the type's range.
/// </summary>
public static class IntervalAnalysis
{
    public static Interval Bounds(Expr expression, IReadOnlyDictionary<string, Interval> ranges)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(ranges);
        var scope = new IntervalScope();
        foreach (var (name, range) in ranges)
        {
            scope.Set(name, range);
        }

        return scope.Bounds(expression);
    }

    /// <summary>The bounds of one node, its operands bounded (and its affine form found) through <paramref name="scope"/>.</summary>
    internal static Interval Compute(Expr expression, IntervalScope scope)
    {
        var type = expression.Type;
        switch (expression)
        {
            case IntImm immediate:
                return Interval.Point(immediate.Value);
            case Var variable:
                return scope.Ranges.TryGetValue(variable.Name, out var range) ? range.Intersect(Interval.Of(type)) : Interval.Of(type);
            case Binary { Op: BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Shl } binary
                when binary.Left.Type == type && binary.Right.Type == type
                && scope.Form(binary)?.Bounds(scope.Ranges, type) is { } exact:
                // Disjoint only when the affine value overflows the type (undefined anyway): keep the wrapping bounds.
                var wrapping = Arithmetic(binary, scope);
                return exact.Max < wrapping.Min || wrapping.Max < exact.Min ? wrapping : exact.Intersect(wrapping);
            case Binary binary when binary.Op.IsComparison() && binary.Left.Type == binary.Right.Type && binary.Left.Type != ElementType.F32:
                return Decide(binary.Op, scope.Of(binary.Left), scope.Of(binary.Right)) is { } known
                    ? Interval.Point(known ? 1 : 0)
                    : Interval.Of(ElementType.Bool);
            case Binary binary when binary.Op.IsComparison() || binary.Op.IsLogical():
                return Interval.Of(ElementType.Bool);
            case Binary binary when binary.Left.Type == type && binary.Right.Type == type && type != ElementType.F32:
                return Arithmetic(binary, scope);
            case Cast cast when cast.Value.Type != ElementType.F32:
                var source = scope.Of(cast.Value);
                return source.IsWithin(Interval.Of(type)) ? source : Interval.Of(type);
            case Saturate saturate when saturate.Value.Type is ElementType.I32 or ElementType.I64 && type.IsInteger():
                var value = scope.Of(saturate.Value);
                return Interval.Hull(type, value.Min, value.Max);
            case Select select when select.IfFalse.Type == type && select.Condition.Type == ElementType.Bool:
                var condition = scope.Of(select.Condition);
                var ifTrue = scope.Of(select.IfTrue);
                var ifFalse = scope.Of(select.IfFalse);
                return condition.Min == 1 ? ifTrue : condition.Max == 0 ? ifFalse : ifTrue.Union(ifFalse);
            default:
                return Interval.Of(type);
        }
    }

    /// <summary>The outcome of comparing any value of <paramref name="left"/> with any of <paramref name="right"/>, when the intervals decide it.</summary>
    public static bool? Decide(BinaryOp comparison, Interval left, Interval right)
    {
        var below = left.Max < right.Min;
        var above = left.Min > right.Max;
        var atMost = left.Max <= right.Min;
        var atLeast = left.Min >= right.Max;
        var same = left.Min == left.Max && left == right;
        return comparison switch
        {
            BinaryOp.Eq => same ? true : below || above ? false : null,
            BinaryOp.Ne => same ? false : below || above ? true : null,
            BinaryOp.Lt => below ? true : atLeast ? false : null,
            BinaryOp.Le => atMost ? true : above ? false : null,
            BinaryOp.Gt => above ? true : atMost ? false : null,
            BinaryOp.Ge => atLeast ? true : below ? false : null,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "not a comparison"),
        };
    }

    private static Interval Arithmetic(Binary binary, IntervalScope scope)
    {
        var type = binary.Type;
        var a = scope.Of(binary.Left);
        var b = scope.Of(binary.Right);
        switch (binary.Op)
        {
            case BinaryOp.Add:
                return Interval.Hull(type, (Int128)a.Min + b.Min, (Int128)a.Max + b.Max);
            case BinaryOp.Sub:
                return Interval.Hull(type, (Int128)a.Min - b.Max, (Int128)a.Max - b.Min);
            case BinaryOp.Mul:
                return Interval.Hull(type, (Int128)a.Min * b.Min, (Int128)a.Min * b.Max, (Int128)a.Max * b.Min, (Int128)a.Max * b.Max);
            case BinaryOp.Div when !b.Contains(0):
                // Truncating division is monotone in each operand while the divisor keeps its sign,
                // so the extremes lie at the corners.
                return Interval.Hull(type, Quotient(a.Min, b.Min), Quotient(a.Min, b.Max), Quotient(a.Max, b.Min), Quotient(a.Max, b.Max));
            case BinaryOp.Rem when !b.Contains(0):
                var limit = Int128.Max(Int128.Abs(b.Min), Int128.Abs(b.Max)) - 1;
                var low = a.Min >= 0 ? 0 : Int128.Max(a.Min, -limit);
                var high = a.Max <= 0 ? 0 : Int128.Min(a.Max, limit);
                return Interval.Hull(type, low, high);
            case BinaryOp.Min:
                return new Interval(Math.Min(a.Min, b.Min), Math.Min(a.Max, b.Max));
            case BinaryOp.Max:
                return new Interval(Math.Max(a.Min, b.Min), Math.Max(a.Max, b.Max));
            case BinaryOp.Shl when a.Min >= 0 && b.Min >= 0 && b.Max < 64:
                return Interval.Hull(type, (Int128)a.Min << (int)b.Min, (Int128)a.Max << (int)b.Max);
            case BinaryOp.Shr when b.Min >= 0 && b.Max < 64:
                return Interval.Hull(type, a.Min >> (int)b.Max, a.Min >> (int)b.Min, a.Max >> (int)b.Min, a.Max >> (int)b.Max);
            case BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.BitXor when a.Min == a.Max && b.Min == b.Max:
                return Interval.Point(binary.Op switch
                {
                    BinaryOp.BitAnd => a.Min & b.Min,
                    BinaryOp.BitOr => a.Min | b.Min,
                    _ => a.Min ^ b.Min,
                });
            case BinaryOp.BitAnd when a.Min >= 0 || b.Min >= 0:
                var nonNegativeMax = a.Min >= 0 && b.Min >= 0 ? Math.Min(a.Max, b.Max) : a.Min >= 0 ? a.Max : b.Max;
                return new Interval(0, nonNegativeMax);
            case BinaryOp.BitOr or BinaryOp.BitXor when a.Min >= 0 && b.Min >= 0:
                var bits = 64 - long.LeadingZeroCount(Math.Max(a.Max, b.Max));
                return Interval.Hull(type, 0, (Int128.One << (int)bits) - 1);
            default:
                return Interval.Of(type);
        }
    }

    private static Int128 Quotient(long dividend, long divisor) => (Int128)dividend / divisor;
}
