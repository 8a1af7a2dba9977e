using MicroTvm.IR;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.C;

/// <summary>
/// Kernel IR expressions as C. Every construct maps to C with the same value: kernel IR has no
/// implicit conversions and no arithmetic on types narrower than int, so C's promotions never
/// change a result. Parentheses follow <see cref="BinaryOpExtensions.OperandNeedsParentheses"/>,
/// which also keeps gcc's -Wparentheses quiet.
/// </summary>
internal sealed class CExpressionWriter(CNames names, IReadOnlyDictionary<string, string> bufferNames)
{
    /// <summary>How tightly an emitted expression binds, which decides the parentheses its parent adds.</summary>
    private enum Form
    {
        /// <summary>Names, calls, subscripts, literals and anything already in parentheses.</summary>
        Primary,

        /// <summary>Casts and negative literals.</summary>
        Unary,

        /// <summary>Logical not, kept apart so that it is parenthesised under a comparison (-Wlogical-not-parentheses).</summary>
        Not,
        Infix,
    }

    public string Write(Expr expression) => Emit(expression).Text;

    private (string Text, Form Form) Emit(Expr expression)
    {
        switch (expression)
        {
            case IntImm immediate:
                return Immediate(immediate);
            case FloatImm immediate:
                var literal = CLiterals.Float(immediate.Value);
                return (literal, literal.StartsWith('-') ? Form.Unary : Form.Primary);
            case Var variable:
                return (names.Of(variable.Name), Form.Primary);
            case Load load:
                return ($"{bufferNames[load.Buffer.Name]}[{Write(load.Index)}]", Form.Primary);
            case Binary { Op: BinaryOp.Min or BinaryOp.Max } binary:
                var helper = binary.Op == BinaryOp.Min ? "min" : "max";
                return ($"mtvm_{helper}_{CTypes.HelperSuffix(binary.Left.Type)}({Write(binary.Left)}, {Write(binary.Right)})", Form.Primary);
            case Binary binary when KnownComparison(binary) is { } known:
                return ($"((void)({Write(binary.Left)}), (void)({Write(binary.Right)}), {(known ? 1 : 0)})", Form.Primary);
            case Binary binary:
                return ($"{Operand(binary.Op, binary.Left, false)} {binary.Op.Symbol()} {Operand(binary.Op, binary.Right, true)}", Form.Infix);
            case Not not:
                var operand = Emit(not.Operand);
                return ("!" + (operand.Form == Form.Infix ? $"({operand.Text})" : operand.Text), Form.Not);
            case Cast cast:
                return Convert(cast);
            case Select select:
                return ($"({Write(select.Condition)} ? {Write(select.IfTrue)} : {Write(select.IfFalse)})", Form.Primary);
            case Saturate saturate:
                return Saturate(saturate);
            case Call call when CPackedWordHelpers.ConsecutiveBytes(call) is var (buffer, index):
                return ($"mtvm_load_i8x4(&{bufferNames[buffer.Name]}[{Write(index)}])", Form.Primary);
            case Call call:
                return ($"{Function(call)}({string.Join(", ", call.Arguments.Select(Write))})", Form.Primary);
            default:
                throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression");
        }
    }

    /// <summary>
    /// The result of an integer comparison that gcc would call constant: an operand compared with
    /// itself (-Wtautological-compare), or operands whose types' ranges decide it, like a widened
    /// u8 against -1 (-Wtype-limits). Kernel IR allows both; the C gets the known result, with
    /// the operands still evaluated so that their reads stay reads.
    /// </summary>
    private static bool? KnownComparison(Binary binary)
    {
        if (!binary.Op.IsComparison() || binary.Left.Type == ElementType.F32)
        {
            return null;
        }

        if (WithoutIdentityConversions(binary.Left).Equals(WithoutIdentityConversions(binary.Right)))
        {
            return binary.Op is BinaryOp.Eq or BinaryOp.Le or BinaryOp.Ge;
        }

        var noRanges = new Dictionary<string, Interval>();
        var left = IntervalAnalysis.Bounds(binary.Left, noRanges);
        var right = IntervalAnalysis.Bounds(binary.Right, noRanges);
        return IntervalAnalysis.Decide(binary.Op, left, right)
            ?? MaskedEquality(binary.Op, binary.Left, right, noRanges)
            ?? MaskedEquality(binary.Op, binary.Right, left, noRanges);
    }

    /// <summary>The expression a cast or saturate to its own type stands for; both emit no C.</summary>
    private static Expr WithoutIdentityConversions(Expr expression) => expression switch
    {
        Cast cast when cast.Value.Type == cast.TargetType => WithoutIdentityConversions(cast.Value),
        Saturate saturate when saturate.Value.Type == saturate.TargetType => WithoutIdentityConversions(saturate.Value),
        _ => expression,
    };

    /// <summary>
    /// <c>(x &amp; m) == c</c> with a bit of c outside m, or <c>(x | m) == c</c> with a bit of m
    /// outside c, never holds (gcc: "bitwise comparison always evaluates to false").
    /// </summary>
    private static bool? MaskedEquality(BinaryOp op, Expr masked, Interval other, Dictionary<string, Interval> noRanges)
    {
        if (op is not (BinaryOp.Eq or BinaryOp.Ne) || other.Min != other.Max || masked is not Binary { Op: BinaryOp.BitAnd or BinaryOp.BitOr } bitwise)
        {
            return null;
        }

        foreach (var operand in (ReadOnlySpan<Expr>)[bitwise.Left, bitwise.Right])
        {
            var mask = IntervalAnalysis.Bounds(operand, noRanges);
            var impossible = mask.Min == mask.Max
                && (bitwise.Op == BinaryOp.BitAnd ? (other.Min & ~mask.Min) != 0 : (mask.Min & ~other.Min) != 0);
            if (impossible)
            {
                return op == BinaryOp.Ne;
            }
        }

        return null;
    }

    private static (string, Form) Immediate(IntImm immediate)
    {
        var digits = CLiterals.Integer(immediate.Value, immediate.Type, typed: true);
        return immediate.Type switch
        {
            ElementType.I8 or ElementType.U8 or ElementType.I16 => ($"({CTypes.Name(immediate.Type)}){digits}", Form.Unary),
            _ => (digits, immediate.Value < 0 && !digits.StartsWith("INT", StringComparison.Ordinal) ? Form.Unary : Form.Primary),
        };
    }

    private string Operand(BinaryOp parent, Expr operand, bool isRight)
    {
        var (text, form) = Emit(operand);
        var parenthesise = form switch
        {
            Form.Infix => parent.OperandNeedsParentheses(((Binary)operand).Op, isRight),
            Form.Unary => isRight && text.StartsWith('-'),
            Form.Not => parent.IsComparison(),
            _ => false,
        };
        return parenthesise ? $"({text})" : text;
    }

    private (string, Form) Convert(Cast cast)
    {
        var source = cast.Value.Type;
        var (text, form) = Emit(cast.Value);
        if (source == cast.TargetType)
        {
            return AsOperand(text, form);
        }

        if (cast.TargetType == ElementType.Bool)
        {
            if (source != ElementType.F32 && KnownComparison(new Binary(BinaryOp.Ne, cast.Value, new IntImm(0, source))) is { } known)
            {
                return ($"((void)({text}), {(known ? 1 : 0)})", Form.Primary);
            }

            var zero = source == ElementType.F32 ? "0.0f" : "0";
            return ($"({(form == Form.Infix ? $"({text})" : text)} != {zero})", Form.Primary);
        }

        return ($"({CTypes.Name(cast.TargetType)}){(form == Form.Infix ? $"({text})" : text)}", Form.Unary);
    }

    /// <summary>An infix expression standing in for another node gets parentheses, so that only <see cref="Binary"/> nodes are ever <see cref="Form.Infix"/>.</summary>
    private static (string, Form) AsOperand(string text, Form form) => form == Form.Infix ? ($"({text})", Form.Primary) : (text, form);

    private (string, Form) Saturate(Saturate saturate)
    {
        var source = saturate.Value.Type;
        var target = saturate.TargetType;
        var value = Write(saturate.Value);
        if (target.MinValue() <= source.MinValue() && source.MaxValue() <= target.MaxValue())
        {
            return source == target ? AsOperand(value, Emit(saturate.Value).Form) : ($"({CTypes.Name(target)})({value})", Form.Unary);
        }

        var low = CLiterals.Integer(target.MinValue(), target, typed: false);
        var high = target == ElementType.I32 ? "INT32_MAX" : CLiterals.Integer(target.MaxValue(), target, typed: false);
        return ($"({CTypes.Name(target)})mtvm_clamp_{CTypes.HelperSuffix(source)}({value}, {low}, {high})", Form.Unary);
    }

    private static string Function(Call call) => call.Intrinsic switch
    {
        Intrinsic.Requantize when call.Arguments[0].Type == ElementType.I64 => "mtvm_multiply_by_quantized_multiplier_int64",
        Intrinsic.Requantize => "mtvm_multiply_by_quantized_multiplier",
        Intrinsic.SaturatingRoundingDoublingHighMul => "mtvm_saturating_rounding_doubling_high_mul",
        Intrinsic.RoundingDivideByPot => "mtvm_rounding_divide_by_pot",
        Intrinsic.PackI8x4 or Intrinsic.Sxtb16 or Intrinsic.Smlad or Intrinsic.TargetHasDsp => CPackedWordHelpers.Function(call.Intrinsic),
        Intrinsic.Exp => "expf",
        Intrinsic.Log => "logf",
        Intrinsic.Sqrt => "sqrtf",
        Intrinsic.Tanh => "tanhf",
        Intrinsic.Floor => "floorf",
        Intrinsic.RoundHalfEven => "rintf",
        Intrinsic.RoundHalfAway => "roundf",
        _ => throw new ArgumentOutOfRangeException(nameof(call), call.Intrinsic, "unknown intrinsic"),
    };
}
