namespace MicroTvm.IR.Kernels;

/// <summary>Classification, spelling and operand typing of <see cref="BinaryOp"/>.</summary>
public static class BinaryOpExtensions
{
    public static bool IsComparison(this BinaryOp op) => op is >= BinaryOp.Eq and <= BinaryOp.Ge;

    public static bool IsLogical(this BinaryOp op) => op is BinaryOp.And or BinaryOp.Or;

    /// <summary>Comparisons and logical operators produce bool; everything else the operand type.</summary>
    public static ElementType ResultType(this BinaryOp op, ElementType operandType) =>
        op.IsComparison() || op.IsLogical() ? ElementType.Bool : operandType;

    /// <summary>
    /// Whether the operator is defined on operands of <paramref name="type"/>: arithmetic on i32,
    /// i64 and f32 (rem, shifts and bitwise operators on i32 and i64 only), ordering on i32, i64
    /// and f32, equality also on bool, logical operators on bool. Narrow integers (i8, u8, i16)
    /// take part only after an explicit cast.
    /// </summary>
    public static bool Accepts(this BinaryOp op, ElementType type) => op switch
    {
        BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Min or BinaryOp.Max
            or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge => type is ElementType.I32 or ElementType.I64 or ElementType.F32,
        BinaryOp.Rem or BinaryOp.Shl or BinaryOp.Shr or BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.BitXor =>
            type is ElementType.I32 or ElementType.I64,
        BinaryOp.Eq or BinaryOp.Ne => type is ElementType.I32 or ElementType.I64 or ElementType.F32 or ElementType.Bool,
        BinaryOp.And or BinaryOp.Or => type == ElementType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The printer's spelling: an infix symbol, or a function name for min and max.</summary>
    public static string Symbol(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Rem => "%",
        BinaryOp.Min => "min",
        BinaryOp.Max => "max",
        BinaryOp.Shl => "<<",
        BinaryOp.Shr => ">>",
        BinaryOp.BitAnd => "&",
        BinaryOp.BitOr => "|",
        BinaryOp.BitXor => "^",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        BinaryOp.And => "&&",
        BinaryOp.Or => "||",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static bool IsArithmetic(this BinaryOp op) => op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Rem;

    /// <summary>
    /// Whether an infix operand needs parentheses under <paramref name="parent"/>. Beyond C's
    /// precedence, operands of shifts, bitwise and logical operators are always parenthesised and
    /// comparisons parenthesise everything but arithmetic, so that a reader (and gcc's
    /// -Wparentheses) never has to recall the rarer precedence levels.
    /// </summary>
    public static bool OperandNeedsParentheses(this BinaryOp parent, BinaryOp operand, bool isRightOperand)
    {
        if (operand is BinaryOp.Min or BinaryOp.Max)
        {
            return false;
        }

        if (parent.IsComparison())
        {
            return !operand.IsArithmetic();
        }

        if (!parent.IsArithmetic() || !operand.IsArithmetic())
        {
            return true;
        }

        var operandLevel = IsMultiplicative(operand) ? 2 : 1;
        var parentLevel = IsMultiplicative(parent) ? 2 : 1;
        return operandLevel < parentLevel || (operandLevel == parentLevel && isRightOperand);
    }

    private static bool IsMultiplicative(BinaryOp op) => op is BinaryOp.Mul or BinaryOp.Div or BinaryOp.Rem;
}
