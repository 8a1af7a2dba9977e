using MicroTvm.IR.Kernels;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>Expressions: literals with their types, operators, conversions, calls, loads and variables.</summary>
internal sealed partial class KernelBuilder
{
    private static readonly Dictionary<string, Intrinsic> Intrinsics =
        Enum.GetValues<Intrinsic>().ToDictionary(intrinsic => intrinsic.Mnemonic(), StringComparer.Ordinal);

    /// <summary>Functions that are not intrinsics: the callee of a call is one of these or an intrinsic.</summary>
    private static readonly string[] Builtins = ["select", "min", "max"];

    private static readonly string[] Callees = [.. Builtins, .. Intrinsics.Keys];

    /// <summary>The expression, or null when a diagnostic was reported.</summary>
    private Expr? Expression(MirParser.KernelExpressionContext context) => context switch
    {
        MirParser.PrimaryExpressionContext primary => Primary(primary.kernelPrimary()),
        MirParser.NotExpressionContext not => Expression(not.kernelExpression()) is { } operand ? new Not(operand) : null,
        MirParser.BinaryExpressionContext binary => Binary(Operator(binary.op.Type), binary.kernelExpression(0), binary.kernelExpression(1)),
        MirParser.ShiftExpressionContext shift => Shift(shift),
        _ => throw new InvalidOperationException($"unexpected kernel expression syntax {context.GetType().Name}"),
    };

    private Binary? Binary(BinaryOp op, MirParser.KernelExpressionContext leftContext, MirParser.KernelExpressionContext rightContext)
    {
        var left = Expression(leftContext);
        var right = Expression(rightContext);
        return left is not null && right is not null ? new Binary(op, left, right) : null;
    }

    private Binary? Shift(MirParser.ShiftExpressionContext context)
    {
        var shift = context.shiftOperator();
        if (shift.SHL() is null && shift.GT(0).Symbol.StopIndex + 1 != shift.GT(1).Symbol.StartIndex)
        {
            _literals.Error(TextDiagnosticIds.SyntaxError, "'> >' is not an operator; write the right shift '>>' without a space", shift.GT(1).Symbol);
            return null;
        }

        return Binary(shift.SHL() is null ? BinaryOp.Shr : BinaryOp.Shl, context.kernelExpression(0), context.kernelExpression(1));
    }

    private static BinaryOp Operator(int tokenType) => tokenType switch
    {
        MirLexer.STAR => BinaryOp.Mul,
        MirLexer.SLASH => BinaryOp.Div,
        MirLexer.PERCENT => BinaryOp.Rem,
        MirLexer.PLUS => BinaryOp.Add,
        MirLexer.MINUS => BinaryOp.Sub,
        MirLexer.LT => BinaryOp.Lt,
        MirLexer.LE => BinaryOp.Le,
        MirLexer.GT => BinaryOp.Gt,
        MirLexer.GE => BinaryOp.Ge,
        MirLexer.EQEQ => BinaryOp.Eq,
        MirLexer.NE => BinaryOp.Ne,
        MirLexer.AMP => BinaryOp.BitAnd,
        MirLexer.CARET => BinaryOp.BitXor,
        MirLexer.PIPE => BinaryOp.BitOr,
        MirLexer.ANDAND => BinaryOp.And,
        MirLexer.OROR => BinaryOp.Or,
        _ => throw new InvalidOperationException($"unexpected operator token {tokenType}"),
    };

    private Expr? Primary(MirParser.KernelPrimaryContext context) => context switch
    {
        MirParser.IntImmediateContext immediate => Integer(immediate),
        MirParser.BoolImmediateContext boolean => new IntImm(boolean.TRUE() is null ? 0 : 1, ElementType.Bool),
        MirParser.FloatImmediateContext immediate => _literals.TrySingle(immediate.Start, out var value) ? new FloatImm(value) : null,
        MirParser.ConversionExpressionContext conversion => Conversion(conversion),
        MirParser.CallExpressionContext call => Call(call),
        MirParser.LoadExpressionContext load => Load(load),
        MirParser.VariableExpressionContext variable => Variable(variable.kernelName()),
        MirParser.ParenthesisedExpressionContext parenthesised => Expression(parenthesised.kernelExpression()),
        _ => throw new InvalidOperationException($"unexpected kernel expression syntax {context.GetType().Name}"),
    };

    /// <summary><c>5</c> is i32; any other integer type is a suffix: <c>5:i8</c>, <c>1:i64</c>.</summary>
    private IntImm? Integer(MirParser.IntImmediateContext context)
    {
        var ok = _literals.TryInt64(context.INT().Symbol, out var value);
        var type = ElementType.I32;
        if (context.IDENT() is { } suffix)
        {
            ok &= _types.TryElementType(suffix.Symbol, out type);
            if (ok && type == ElementType.F32)
            {
                _literals.Error(TextDiagnosticIds.InvalidLiteralType, $"an integer literal cannot be f32; write {value}.0", suffix.Symbol);
                return null;
            }
        }

        if (!ok)
        {
            return null;
        }

        if (value < type.MinValue() || value > type.MaxValue())
        {
            var advice = context.IDENT() is null ? " (write a suffix such as :i64 for another type)" : string.Empty;
            _literals.Error(TextDiagnosticIds.IntegerOutOfRange, $"integer {value} does not fit in {type.Mnemonic()}{advice}", context.INT().Symbol);
            return null;
        }

        return new IntImm(value, type);
    }

    private Expr? Conversion(MirParser.ConversionExpressionContext context)
    {
        var typed = _types.TryElementType(context.IDENT().Symbol, out var type);
        var value = Expression(context.kernelExpression());
        if (!typed || value is null)
        {
            return null;
        }

        return context.conversion.Type == MirLexer.CAST ? new Cast(type, value) : new Saturate(type, value);
    }

    private Expr? Call(MirParser.CallExpressionContext context)
    {
        var callee = context.IDENT().Symbol;
        var known = Intrinsics.TryGetValue(callee.Text, out var intrinsic) || Builtins.Contains(callee.Text);
        if (!known)
        {
            _literals.Error(
                TextDiagnosticIds.UnknownIntrinsic,
                $"unknown intrinsic '{callee.Text}'{Suggestions.DidYouMean(callee.Text, Callees)} (expected select, min, max or one of {string.Join(", ", Intrinsics.Keys)})",
                callee);
        }

        var arguments = ImmutableArray.CreateBuilder<Expr>();
        var ok = known;
        foreach (var argumentContext in context.kernelExpression())
        {
            var argument = Expression(argumentContext);
            ok &= argument is not null;
            if (argument is not null)
            {
                arguments.Add(argument);
            }
        }

        if (!ok)
        {
            return null;
        }

        var expected = callee.Text switch
        {
            "select" => 3,
            "min" or "max" => 2,
            _ => arguments.Count,
        };
        if (arguments.Count != expected)
        {
            _literals.Error(TextDiagnosticIds.ArgumentCount, $"{callee.Text} takes {expected} arguments but is given {arguments.Count}", callee);
            return null;
        }

        return callee.Text switch
        {
            "select" => new Select(arguments[0], arguments[1], arguments[2]),
            "min" => new Binary(BinaryOp.Min, arguments[0], arguments[1]),
            "max" => new Binary(BinaryOp.Max, arguments[0], arguments[1]),
            _ => new Call(intrinsic, arguments.ToImmutable()),
        };
    }

    private Load? Load(MirParser.LoadExpressionContext context)
    {
        var buffer = Buffer(context.kernelName());
        var index = Expression(context.kernelExpression());
        return buffer is not null && index is not null ? new Load(buffer, index) : null;
    }
}
