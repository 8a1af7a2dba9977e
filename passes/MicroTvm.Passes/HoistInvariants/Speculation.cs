using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Whether evaluating one expression node could be undefined (the evaluator would throw) for
/// some values of its operands within their interval bounds: what may not be evaluated where the
/// original kernel did not evaluate it. Loads count as unsafe although the verifier proves their
/// indices in bounds: a bool element that is neither 0 nor 1 is undefined, and keeping loads
/// under their guards keeps the kernel safe should a guard ever be what protects an index.
/// </summary>
internal static class Speculation
{
    /// <summary><paramref name="node"/>'s own operation could be undefined (its operands are judged separately).</summary>
    public static bool MayBeUndefined(Expr node, IntervalScope intervals)
    {
        Interval Bounds(Expr operand) => intervals.Bounds(operand);
        switch (node)
        {
            case Load:
                return true;
            case Binary binary when binary.Left.Type is ElementType.I32 or ElementType.I64:
                return IntegerMayBeUndefined(binary, Bounds(binary.Left), Bounds(binary.Right));
            case Cast cast:
                return cast.Value.Type == ElementType.F32 && cast.TargetType.IsInteger();
            case Call call:
                return call.Intrinsic switch
                {
                    Intrinsic.Requantize when call.Arguments[0].Type == ElementType.I64 =>
                        Bounds(call.Arguments[1]).Min < 0 || !Bounds(call.Arguments[2]).IsWithin(new Interval(-31, 7)),
                    Intrinsic.Requantize => !Bounds(call.Arguments[2]).IsWithin(new Interval(-31, 31)),
                    Intrinsic.RoundingDivideByPot => !Bounds(call.Arguments[1]).IsWithin(new Interval(0, 31)),
                    Intrinsic.Sxtb16 => call.Arguments[1] is not IntImm { Value: 0 or 8 or 16 or 24 },
                    Intrinsic.Smlad => true,
                    _ => false,
                };
            default:
                // f32 and bool operators, comparisons, min/max, bitwise operators, select, not and
                // saturate are defined for every operand value.
                return false;
        }
    }

    private static bool IntegerMayBeUndefined(Binary binary, Interval a, Interval b)
    {
        var type = binary.Left.Type;
        var bits = type.ByteSize() * 8;
        switch (binary.Op)
        {
            case BinaryOp.Add:
                return !Fits(type, (Int128)a.Min + b.Min, (Int128)a.Max + b.Max);
            case BinaryOp.Sub:
                return !Fits(type, (Int128)a.Min - b.Max, (Int128)a.Max - b.Min);
            case BinaryOp.Mul:
                return !Fits(type, (Int128)a.Min * b.Min, (Int128)a.Min * b.Max, (Int128)a.Max * b.Min, (Int128)a.Max * b.Max);
            case BinaryOp.Div or BinaryOp.Rem:
                return b.Contains(0) || (a.Contains(type.MinValue()) && b.Contains(-1));
            case BinaryOp.Shl:
                return a.Min < 0 || b.Min < 0 || b.Max >= bits || !Fits(type, (Int128)a.Max << (int)b.Max);
            case BinaryOp.Shr:
                return b.Min < 0 || b.Max >= bits;
            default:
                return false;
        }
    }

    private static bool Fits(ElementType type, params ReadOnlySpan<Int128> values)
    {
        foreach (var value in values)
        {
            if (value < type.MinValue() || value > type.MaxValue())
            {
                return false;
            }
        }

        return true;
    }
}
