using MicroTvm.IR.Interpretation;

namespace MicroTvm.IR.Kernels;

/// <summary>Expression semantics: exactly C's where C defines them, an exception where it does not.</summary>
internal sealed partial class KernelExecution
{
    private Scalar Evaluate(Expr expression)
    {
        switch (expression)
        {
            case IntImm immediate:
                return Scalar.Of(immediate.Value);
            case FloatImm immediate:
                return Scalar.Of(immediate.Value);
            case Var variable:
                return _variables[variable.Name];
            case Load load:
                return Read(load, (int)Evaluate(load.Index).Int);
            case Binary binary:
                // Both operands are evaluated, so any undefined behaviour in either is reported.
                return Apply(binary, Evaluate(binary.Left), Evaluate(binary.Right));
            case Not not:
                return Scalar.Of(!Evaluate(not.Operand).IsTrue);
            case Cast cast:
                return Convert(cast, Evaluate(cast.Value));
            case Select select:
                var condition = Evaluate(select.Condition);
                var ifTrue = Evaluate(select.IfTrue);
                var ifFalse = Evaluate(select.IfFalse);
                return condition.IsTrue ? ifTrue : ifFalse;
            case Saturate saturate:
                return Scalar.Of(Math.Clamp(Evaluate(saturate.Value).Int, saturate.TargetType.MinValue(), saturate.TargetType.MaxValue()));
            case Call call:
                return Invoke(call);
            default:
                throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression");
        }
    }

    private Scalar Apply(Binary binary, Scalar left, Scalar right) => binary.Left.Type switch
    {
        ElementType.F32 => ApplyFloat(binary.Op, left.Float, right.Float),
        ElementType.Bool => binary.Op switch
        {
            BinaryOp.Eq => Scalar.Of(left.Int == right.Int),
            BinaryOp.Ne => Scalar.Of(left.Int != right.Int),
            BinaryOp.And => Scalar.Of(left.IsTrue && right.IsTrue),
            _ => Scalar.Of(left.IsTrue || right.IsTrue),
        },
        var type => ApplyInteger(binary, type, left.Int, right.Int),
    };

    private static Scalar ApplyFloat(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => Scalar.Of(a + b),
        BinaryOp.Sub => Scalar.Of(a - b),
        BinaryOp.Mul => Scalar.Of(a * b),
        BinaryOp.Div => Scalar.Of(a / b),
        BinaryOp.Min => Scalar.Of(a < b ? a : b),
        BinaryOp.Max => Scalar.Of(a > b ? a : b),
        BinaryOp.Eq => Scalar.Of(a == b),
        BinaryOp.Ne => Scalar.Of(a != b),
        BinaryOp.Lt => Scalar.Of(a < b),
        BinaryOp.Le => Scalar.Of(a <= b),
        BinaryOp.Gt => Scalar.Of(a > b),
        BinaryOp.Ge => Scalar.Of(a >= b),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an f32 operator"),
    };

    private Scalar ApplyInteger(Binary binary, ElementType type, long a, long b)
    {
        var bits = type.ByteSize() * 8;
        switch (binary.Op)
        {
            case BinaryOp.Add:
                return InRange(binary, type, (Int128)a + b);
            case BinaryOp.Sub:
                return InRange(binary, type, (Int128)a - b);
            case BinaryOp.Mul:
                return InRange(binary, type, (Int128)a * b);
            case BinaryOp.Div or BinaryOp.Rem:
                if (b == 0)
                {
                    throw Undefined($"{type.Mnemonic()} division by zero", binary);
                }

                if (a == type.MinValue() && b == -1)
                {
                    throw Undefined($"{type.Mnemonic()} overflow ({a} / -1)", binary);
                }

                return Scalar.Of(binary.Op == BinaryOp.Div ? a / b : a % b);
            case BinaryOp.Min:
                return Scalar.Of(Math.Min(a, b));
            case BinaryOp.Max:
                return Scalar.Of(Math.Max(a, b));
            case BinaryOp.Shl or BinaryOp.Shr when b < 0 || b >= bits:
                throw Undefined($"shift of an {type.Mnemonic()} by {b}", binary);
            case BinaryOp.Shl when a < 0:
                throw Undefined($"left shift of the negative value {a}", binary);
            case BinaryOp.Shl:
                return InRange(binary, type, (Int128)a << (int)b);
            case BinaryOp.Shr:
                return Scalar.Of(a >> (int)b);
            case BinaryOp.BitAnd:
                return Scalar.Of(a & b);
            case BinaryOp.BitOr:
                return Scalar.Of(a | b);
            case BinaryOp.BitXor:
                return Scalar.Of(a ^ b);
            case BinaryOp.Eq:
                return Scalar.Of(a == b);
            case BinaryOp.Ne:
                return Scalar.Of(a != b);
            case BinaryOp.Lt:
                return Scalar.Of(a < b);
            case BinaryOp.Le:
                return Scalar.Of(a <= b);
            case BinaryOp.Gt:
                return Scalar.Of(a > b);
            case BinaryOp.Ge:
                return Scalar.Of(a >= b);
            default:
                throw new ArgumentOutOfRangeException(nameof(binary), binary.Op, "not an integer operator");
        }
    }

    private Scalar InRange(Binary binary, ElementType type, Int128 value) =>
        value >= type.MinValue() && value <= type.MaxValue()
            ? Scalar.Of((long)value)
            : throw Undefined($"{type.Mnemonic()} overflow (the exact result is {value})", binary);

    private Scalar Convert(Cast cast, Scalar value)
    {
        var source = cast.Value.Type;
        var target = cast.TargetType;
        if (source == ElementType.F32)
        {
            return target switch
            {
                ElementType.F32 => value,
                ElementType.Bool => Scalar.Of(value.Float != 0),
                _ => Scalar.Of(Truncate(cast, value.Float)),
            };
        }

        return target switch
        {
            ElementType.F32 => Scalar.Of((float)value.Int),
            ElementType.Bool => Scalar.Of(value.Int != 0),
            _ => Scalar.Of(Wrap(value.Int, target)),
        };
    }

    /// <summary>Two's-complement narrowing, what C's conversion does on every supported compiler.</summary>
    private static long Wrap(long value, ElementType target) => target switch
    {
        ElementType.I8 => unchecked((sbyte)value),
        ElementType.U8 => unchecked((byte)value),
        ElementType.I16 => unchecked((short)value),
        ElementType.I32 => unchecked((int)value),
        _ => value,
    };

    private long Truncate(Cast cast, float value)
    {
        var truncated = Math.Truncate((double)value);
        var target = cast.TargetType;
        // Compare in double: MinValue and MaxValue + 1 are powers of two there, hence exact.
        if (double.IsNaN(truncated) || truncated < target.MinValue() || truncated >= target.MaxValue() + 1.0)
        {
            throw Undefined($"f32 {value} does not fit {target.Mnemonic()}", cast);
        }

        return (long)truncated;
    }

    private Scalar Invoke(Call call)
    {
        var arguments = new Scalar[call.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Evaluate(call.Arguments[i]);
        }

        if (call.Intrinsic == Intrinsic.TargetHasDsp)
        {
            return Scalar.Of(targetHasDsp);
        }

        var x = arguments[0];
        switch (call.Intrinsic)
        {
            case Intrinsic.Requantize:
                return Requantize(call, x.Int, (int)arguments[1].Int, (int)arguments[2].Int);
            case Intrinsic.SaturatingRoundingDoublingHighMul:
                return Scalar.Of(FixedPoint.SaturatingRoundingDoublingHighMul((int)x.Int, (int)arguments[1].Int));
            case Intrinsic.RoundingDivideByPot:
                var exponent = arguments[1].Int;
                return exponent is >= 0 and <= 31
                    ? Scalar.Of(FixedPoint.RoundingDivideByPot((int)x.Int, (int)exponent))
                    : throw Undefined($"rounding_divide_by_pot exponent {exponent} outside [0, 31]", call);
            case Intrinsic.PackI8x4:
                return Scalar.Of(PackedWords.PackI8x4((int)x.Int, (int)arguments[1].Int, (int)arguments[2].Int, (int)arguments[3].Int));
            case Intrinsic.Sxtb16:
                var rotation = arguments[1].Int;
                return rotation is 0 or 8 or 16 or 24
                    ? Scalar.Of(PackedWords.Sxtb16((int)x.Int, (int)rotation))
                    : throw Undefined($"sxtb16 rotation {rotation} is not 0, 8, 16 or 24", call);
            case Intrinsic.Smlad:
                var sum = PackedWords.Smlad((int)x.Int, (int)arguments[1].Int, (int)arguments[2].Int);
                return sum is >= int.MinValue and <= int.MaxValue
                    ? Scalar.Of(sum)
                    : throw Undefined($"smlad result {sum} overflows i32", call);
            case Intrinsic.Exp:
                return Scalar.Of(MathF.Exp(x.Float));
            case Intrinsic.Log:
                return Scalar.Of(MathF.Log(x.Float));
            case Intrinsic.Sqrt:
                return Scalar.Of(MathF.Sqrt(x.Float));
            case Intrinsic.Tanh:
                return Scalar.Of(MathF.Tanh(x.Float));
            case Intrinsic.Floor:
                return Scalar.Of(MathF.Floor(x.Float));
            case Intrinsic.RoundHalfEven:
                return Scalar.Of(MathF.Round(x.Float, MidpointRounding.ToEven));
            case Intrinsic.RoundHalfAway:
                return Scalar.Of(MathF.Round(x.Float, MidpointRounding.AwayFromZero));
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call.Intrinsic, "unknown intrinsic");
        }
    }

    private Scalar Requantize(Call call, long x, int multiplier, int shift)
    {
        if (call.Arguments[0].Type == ElementType.I32)
        {
            return shift is >= -31 and <= 31
                ? Scalar.Of(FixedPoint.MultiplyByQuantizedMultiplier((int)x, multiplier, shift))
                : throw Undefined($"requantize shift {shift} outside [-31, 31]", call);
        }

        return multiplier >= 0 && shift is >= -31 and <= 7
            ? Scalar.Of(FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift))
            : throw Undefined($"i64 requantize needs multiplier >= 0 and shift in [-31, 7], not {multiplier} and {shift}", call);
    }
}
