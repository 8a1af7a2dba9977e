using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Testing;

/// <summary>Random typed expressions and in-bounds indices.</summary>
public sealed partial class RandomKernelBuilder
{
    /// <summary>
    /// The float intrinsics with one correct answer. exp, log and tanh are whatever the target's
    /// libm computes (glibc's tanhf and .NET's differ in the last bit), so they are left out.
    /// </summary>
    private static readonly Intrinsic[] FloatMath =
        [Intrinsic.Sqrt, Intrinsic.Floor, Intrinsic.RoundHalfEven, Intrinsic.RoundHalfAway];

    private static readonly BinaryOp[] Comparisons = [BinaryOp.Eq, BinaryOp.Ne, BinaryOp.Lt, BinaryOp.Le, BinaryOp.Gt, BinaryOp.Ge];

    private static readonly ElementType[] Numeric = [ElementType.I32, ElementType.I64, ElementType.F32];

    private Expr Expression(ElementType type, int depth)
    {
        if (depth == 0 || _random.Next(4) == 0)
        {
            return Leaf(type);
        }

        var d = depth - 1;
        if (_random.Next(8) == 0)
        {
            return new Select(Expression(ElementType.Bool, d), Expression(type, d), Expression(type, d));
        }

        if (_random.Next(8) == 0)
        {
            return CastTo(type, Expression(Pick(BufferTypes), d));
        }

        return type switch
        {
            ElementType.I32 => Integer32(d),
            ElementType.I64 => Integer(ElementType.I64, d),
            ElementType.F32 => Float(d),
            ElementType.Bool => Boolean(d),
            _ => _random.Next(2) == 0
                ? SaturateTo(type, Expression(_random.Next(3) == 0 ? ElementType.I64 : ElementType.I32, d))
                : CastTo(type, Expression(ElementType.I32, d)),
        };
    }

    private Expr Integer32(int d) => _random.Next(11) switch
    {
        8 => PackedBytes(d),
        9 => CallIntrinsic(Intrinsic.Sxtb16, Expression(ElementType.I32, d), I32(8 * _random.Next(4))),
        10 => CallIntrinsic(
            Intrinsic.Smlad,
            _random.Next(3) == 0 ? Expression(ElementType.I32, d) : CallIntrinsic(Intrinsic.Sxtb16, PackedBytes(d), I32(8 * _random.Next(4))),
            _random.Next(3) == 0 ? Expression(ElementType.I32, d) : CallIntrinsic(Intrinsic.Sxtb16, PackedBytes(d), I32(8 * _random.Next(4))),
            Expression(ElementType.I32, d)),
        0 => Requantize(Expression(ElementType.I32, d), I32(_random.Next(1 << 30, int.MaxValue)), I32(_random.Next(-31, 9))),
        1 => Requantize(Expression(ElementType.I64, d), I32(_random.Next(0, int.MaxValue)), I32(_random.Next(-31, 8))),
        2 => CallIntrinsic(Intrinsic.SaturatingRoundingDoublingHighMul, Expression(ElementType.I32, d), Expression(ElementType.I32, d)),
        3 => CallIntrinsic(Intrinsic.RoundingDivideByPot, Expression(ElementType.I32, d), I32(_random.Next(0, 32))),
        4 => SaturateTo(ElementType.I32, Expression(ElementType.I64, d)),
        _ => Integer(ElementType.I32, d),
    };

    /// <summary>pack_i8x4 of four consecutive bytes of an i8/u8 buffer (a word load in C) or of any four values.</summary>
    private Expr PackedBytes(int d)
    {
        var bytes = _buffers.Where(b => b.ElementType is ElementType.I8 or ElementType.U8 && b.Count >= 4).ToList();
        if (bytes.Count == 0 || _random.Next(4) == 0)
        {
            return CallIntrinsic(Intrinsic.PackI8x4, Expression(ElementType.I32, d), Expression(ElementType.I32, d), Expression(ElementType.I32, d), Expression(ElementType.I32, d));
        }

        var buffer = Pick(bytes);
        var first = Index(buffer.Count - 3);
        return CallIntrinsic(
            Intrinsic.PackI8x4,
            [.. Enumerable.Range(0, 4).Select(k => CastTo(ElementType.I32, new Load(buffer, k == 0 ? first : Add(first, I32(k)))))]);
    }

    private Expr Integer(ElementType type, int d)
    {
        var bits = type.ByteSize() * 8;
        Expr Operand() => Expression(type, d);
        Expr NonZero() => _random.Next(3) == 0 ? Max(Operand(), Imm(1, type)) : Imm(_random.Next(2) == 0 ? _random.Next(1, 9) : -_random.Next(2, 9), type);
        return _random.Next(12) switch
        {
            0 => NotBothConstant(BinaryOp.Add, Operand(), Operand()),
            1 => NotBothConstant(BinaryOp.Sub, Operand(), Operand()),
            2 => NotBothConstant(BinaryOp.Mul, Operand(), Operand()),
            3 => NotBothConstant(BinaryOp.Div, Operand(), NonZero()),
            4 => NotBothConstant(BinaryOp.Rem, Operand(), NonZero()),
            5 => NotBothConstant(BinaryOp.Min, Operand(), Operand()),
            6 => NotBothConstant(BinaryOp.Max, Operand(), Operand()),
            7 => Shl(BitAnd(Operand(), Imm(0xFFFF, type)), Imm(_random.Next(0, bits - 17), type)),
            8 => NotBothConstant(BinaryOp.Shr, Operand(), Imm(_random.Next(0, bits), type)),
            9 => NotBothConstant(BinaryOp.BitAnd, Operand(), Operand()),
            10 => NotBothConstant(BinaryOp.BitOr, Operand(), Operand()),
            _ => NotBothConstant(BinaryOp.BitXor, Operand(), Operand()),
        };
    }

    /// <summary>
    /// Operators on two constant operands are left out, as constant folding would leave them:
    /// gcc rejects a constant expression that overflows (-Woverflow) even in code that never
    /// runs, where the evaluator cannot see it.
    /// </summary>
    private Expr NotBothConstant(BinaryOp op, Expr left, Expr right) =>
        IsConstant(left) && IsConstant(right) ? left : new Binary(op, left, right);

    private static bool IsConstant(Expr expression) => expression switch
    {
        Var or Load => false,
        Binary binary => IsConstant(binary.Left) && IsConstant(binary.Right),
        Not not => IsConstant(not.Operand),
        Cast cast => IsConstant(cast.Value),
        Saturate saturate => IsConstant(saturate.Value),
        // gcc folds a select on a constant condition, so one constant arm may be all it sees.
        Select select => IsConstant(select.Condition) && (IsConstant(select.IfTrue) || IsConstant(select.IfFalse)),
        Call call => call.Arguments.All(IsConstant),
        _ => true,
    };

    private Expr Float(int d)
    {
        Expr Operand() => Expression(ElementType.F32, d);
        return _random.Next(8) switch
        {
            0 => Add(Operand(), Operand()),
            1 => Sub(Operand(), Operand()),
            2 => Mul(Operand(), Operand()),
            3 => Div(Operand(), Operand()),
            4 => Min(Operand(), Operand()),
            5 => Max(Operand(), Operand()),
            _ => CallIntrinsic(Pick(FloatMath), Operand()),
        };
    }

    private Expr Boolean(int d)
    {
        switch (_random.Next(5))
        {
            case 0:
                return And(Expression(ElementType.Bool, d), Expression(ElementType.Bool, d));
            case 1:
                return Or(Expression(ElementType.Bool, d), Expression(ElementType.Bool, d));
            case 2:
                return new Not(Expression(ElementType.Bool, d));
            case 3 when _random.Next(4) == 0:
                // The evaluator runs kernels for a target without the DSP extension, like the host.
                return CallIntrinsic(Intrinsic.TargetHasDsp);
            default:
                var type = _random.Next(6) == 0 ? ElementType.Bool : Pick(Numeric);
                var op = type == ElementType.Bool ? Pick([BinaryOp.Eq, BinaryOp.Ne]) : Pick(Comparisons);
                return new Binary(op, Expression(type, d), Expression(type, d));
        }
    }

    private Expr Leaf(ElementType type)
    {
        var loads = _buffers.Where(b => b.ElementType == type).ToList();
        var locals = _locals.Where(v => v.Type == type).ToList();
        var choice = _random.Next(6);
        if (choice < 2 && loads.Count > 0)
        {
            var buffer = Pick(loads);
            return new Load(buffer, Index(buffer.Count));
        }

        if (choice < 4 && type == ElementType.I32 && _loops.Count > 0)
        {
            return Pick(_loops).Variable;
        }

        if (choice < 5 && locals.Count > 0)
        {
            return Pick(locals);
        }

        return type switch
        {
            ElementType.F32 => F32(RandomFloat()),
            ElementType.Bool => Bool(_random.Next(2) == 0),
            _ => Imm(RandomInteger(type), type),
        };
    }

    /// <summary>An index into a buffer of <paramref name="count"/> elements that is in bounds for every loop iteration.</summary>
    private Expr Index(int count)
    {
        var coefficients = _loops.Select(_ => _random.Next(4) == 0 ? _random.Next(-2, 4) : _random.Next(0, 2)).ToArray();
        long min;
        long max;
        var k = 0;
        while (true)
        {
            (min, max) = (0, 0);
            for (var j = 0; j < coefficients.Length; j++)
            {
                var end = (long)coefficients[j] * (_loops[j].Extent - 1);
                min += Math.Min(0, end);
                max += Math.Max(0, end);
            }

            if (max - min <= count - 1)
            {
                break;
            }

            coefficients[k++] = 0;
        }

        var constant = _random.NextInt64(-min, count - max);
        Expr index = I32((int)constant);
        for (var j = 0; j < coefficients.Length; j++)
        {
            if (coefficients[j] != 0)
            {
                var term = coefficients[j] == 1 ? (Expr)_loops[j].Variable : Mul(_loops[j].Variable, I32(coefficients[j]));
                index = _random.Next(2) == 0 ? Add(index, term) : Add(term, index);
            }
        }

        return _random.Next(8) switch
        {
            0 => Clamp(NotBothConstant(BinaryOp.Add, index, Expression(ElementType.I32, 1)), I32(0), I32(count - 1)),
            1 when min + constant >= 0 => Rem(Add(index, I32(_random.Next(0, 3 * count))), I32(count)),
            _ => index,
        };
    }

    private long RandomInteger(ElementType type)
    {
        if (_random.Next(10) == 0)
        {
            return _random.Next(2) == 0 ? type.MinValue() : type.MaxValue();
        }

        var small = _random.NextInt64(-100, 101);
        return Math.Clamp(small, type.MinValue(), type.MaxValue());
    }

    private float RandomFloat() => _random.Next(10) switch
    {
        0 => -0f,
        1 => _random.Next(-1000, 1000) * 1e6f,
        2 => 0.5f + _random.Next(-4, 4),
        _ => _random.Next(-256, 257) / 16f,
    };
}
