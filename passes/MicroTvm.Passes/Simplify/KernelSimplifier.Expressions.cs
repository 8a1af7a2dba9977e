using System.Numerics;
using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Expression rules, applied bottom-up to a node whose operands are already simplified: folding
/// of closed expressions (by the evaluator), of integer expressions the interval analysis pins
/// to one value, canonical linear forms, then per-operator identities and strength reduction.
/// Every rule either computes exactly what the node computes or removes an evaluation (which can
/// only remove undefined behaviour: expressions have no other effects).
/// </summary>
internal sealed partial class KernelSimplifier
{
    public override Expr Rewrite(Expr expression) => Simplify(base.Rewrite(expression));

    private Expr Simplify(Expr expression)
    {
        if (expression is IntImm or FloatImm or Var or Load)
        {
            return expression;
        }

        if (IsClosed(expression))
        {
            if (IsFoldable(expression) && ConstantEvaluation.TryFold(expression) is { } constant)
            {
                _pass.NumFolded.Increment();
                return constant;
            }

            return expression;
        }

        if (expression.Type != ElementType.F32 && Bounds(expression) is { } range && range.Min == range.Max)
        {
            _pass.NumFolded.Increment();
            return new IntImm(range.Min, expression.Type);
        }

        if (LinearSum.IsLinearNode(expression) && _sum.Read(expression) && _sum.Build(_rank, _bounds, _shift) is { } canonical)
        {
            if (canonical.Equals(expression))
            {
                return expression;
            }

            _pass.NumCanonicalized.Increment();
            return canonical;
        }

        var simplified = expression switch
        {
            Binary binary => SimplifyBinary(binary),
            Not not => SimplifyNot(not),
            Select select => SimplifySelect(select),
            Cast cast => SimplifyCast(cast),
            Saturate saturate => SimplifySaturate(saturate),
            _ => expression,
        };
        return ReferenceEquals(simplified, expression) ? expression : Simplify(simplified);
    }

    private Interval Bounds(Expr expression) => _intervals.Bounds(expression);

    /// <summary>Atoms of a canonical sum go by the innermost loop variable they read: outer loops first, loop-free atoms before all.</summary>
    private int Rank(Expr atom) => atom switch
    {
        Var variable => _loopOrder.TryGetValue(variable.Name, out var order) ? order : -1,
        IntImm or FloatImm => -1,
        Load load => Rank(load.Index),
        Binary binary => Math.Max(Rank(binary.Left), Rank(binary.Right)),
        Not not => Rank(not.Operand),
        Cast cast => Rank(cast.Value),
        Saturate saturate => Rank(saturate.Value),
        Select select => Math.Max(Rank(select.Condition), Math.Max(Rank(select.IfTrue), Rank(select.IfFalse))),
        Call call => RankOfArguments(call),
        _ => throw new ArgumentOutOfRangeException(nameof(atom), atom.GetType().Name, "unknown expression"),
    };

    private int RankOfArguments(Call call)
    {
        var rank = -1;
        foreach (var argument in call.Arguments)
        {
            rank = Math.Max(rank, Rank(argument));
        }

        return rank;
    }

    private static bool IsClosed(Expr expression) => expression switch
    {
        Binary binary => IsConstant(binary.Left) && IsConstant(binary.Right),
        Not not => IsConstant(not.Operand),
        Cast cast => IsConstant(cast.Value),
        Saturate saturate => IsConstant(saturate.Value),
        Select select => IsConstant(select.Condition) && IsConstant(select.IfTrue) && IsConstant(select.IfFalse),
        Call call => call.Arguments.All(IsConstant),
        _ => false,
    };

    private static bool IsConstant(Expr expression) => expression is IntImm or FloatImm;

    /// <summary>
    /// exp, log and tanh compute whatever the target's libm computes (docs/kernel-ir.md), which
    /// can differ from the host's in the last bit, so they are left for the target to evaluate;
    /// target_has_dsp is the target's to answer.
    /// </summary>
    private static bool IsFoldable(Expr expression) =>
        expression is not Call { Intrinsic: Intrinsic.Exp or Intrinsic.Log or Intrinsic.Tanh or Intrinsic.TargetHasDsp };

    private Expr Identity(Expr result)
    {
        _pass.NumIdentities.Increment();
        return result;
    }

    private Expr StrengthReduced(Expr result)
    {
        _pass.NumStrengthReduced.Increment();
        return result;
    }

    private static IntImm Bool(bool value) => new(value ? 1 : 0, ElementType.Bool);

    private static bool IsValue(Expr expression, long value) => expression is IntImm immediate && immediate.Value == value;

    private Expr SimplifyBinary(Binary binary)
    {
        var (a, b) = (binary.Left, binary.Right);
        var type = a.Type;
        if (type is ElementType.I32 or ElementType.I64)
        {
            return SimplifyInteger(binary, a, b, type);
        }

        if (type == ElementType.Bool)
        {
            return binary.Op switch
            {
                BinaryOp.And when IsValue(b, 1) => Identity(a),
                BinaryOp.And when IsValue(a, 1) => Identity(b),
                BinaryOp.And when IsValue(a, 0) || IsValue(b, 0) => Identity(Bool(false)),
                BinaryOp.Or when IsValue(b, 0) => Identity(a),
                BinaryOp.Or when IsValue(a, 0) => Identity(b),
                BinaryOp.Or when IsValue(a, 1) || IsValue(b, 1) => Identity(Bool(true)),
                BinaryOp.And or BinaryOp.Or when a.Equals(b) => Identity(a),
                BinaryOp.Eq when IsValue(b, 1) => Identity(a),
                BinaryOp.Eq when IsValue(b, 0) => Identity(new Not(a)),
                BinaryOp.Ne when IsValue(b, 0) => Identity(a),
                BinaryOp.Ne when IsValue(b, 1) => Identity(new Not(a)),
                BinaryOp.Eq when a.Equals(b) => Identity(Bool(true)),
                BinaryOp.Ne when a.Equals(b) => Identity(Bool(false)),
                _ => binary,
            };
        }

        // f32: no identity is exact for every input (x * 1 quiets a signalling NaN, x + 0 turns
        // -0 into +0, x == x is false for NaN), and no reassociation rounds the same.
        return binary;
    }

    private Expr SimplifyInteger(Binary binary, Expr a, Expr b, ElementType type)
    {
        var zero = new IntImm(0, type);
        switch (binary.Op)
        {
            case BinaryOp.Add when IsValue(b, 0):
                return Identity(a);
            case BinaryOp.Add when IsValue(a, 0):
                return Identity(b);
            case BinaryOp.Sub when IsValue(b, 0):
                return Identity(a);
            case BinaryOp.Sub or BinaryOp.BitXor when a.Equals(b):
                return Identity(zero);
            case BinaryOp.Mul when IsValue(b, 1):
                return Identity(a);
            case BinaryOp.Mul when IsValue(a, 1):
                return Identity(b);
            case BinaryOp.Mul when IsValue(a, 0) || IsValue(b, 0):
                return Identity(zero);
            case BinaryOp.Mul when _pass.ShiftMultiplies && PowerOfTwo(b) is { } k && Bounds(a).Min >= 0:
                return StrengthReduced(new Binary(BinaryOp.Shl, a, new IntImm(k, type)));
            case BinaryOp.Div when IsValue(b, 1):
                return Identity(a);
            case BinaryOp.Div when PowerOfTwo(b) is { } k && Bounds(a).Min >= 0:
                // Truncating division equals the arithmetic shift only for a non-negative dividend.
                return StrengthReduced(new Binary(BinaryOp.Shr, a, new IntImm(k, type)));
            case BinaryOp.Rem when IsValue(b, 1) || IsValue(b, -1):
                return Identity(zero);
            case BinaryOp.Rem when PowerOfTwo(b) is { } k && Bounds(a).Min >= 0:
                return StrengthReduced(new Binary(BinaryOp.BitAnd, a, new IntImm((1L << (int)k) - 1, type)));
            case BinaryOp.Shl or BinaryOp.Shr when IsValue(b, 0):
                return Identity(a);
            case BinaryOp.BitAnd when IsValue(a, 0) || IsValue(b, 0):
                return Identity(zero);
            case BinaryOp.BitAnd when IsValue(b, -1):
                return Identity(a);
            case BinaryOp.BitAnd when IsValue(a, -1):
                return Identity(b);
            case BinaryOp.BitOr or BinaryOp.BitXor when IsValue(b, 0):
                return Identity(a);
            case BinaryOp.BitOr or BinaryOp.BitXor when IsValue(a, 0):
                return Identity(b);
            case BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.Min or BinaryOp.Max when a.Equals(b):
                return Identity(a);
            case BinaryOp.Min or BinaryOp.Max:
                var (left, right) = (Bounds(a), Bounds(b));
                var leftSmaller = left.Max <= right.Min;
                var rightSmaller = right.Max <= left.Min;
                return (binary.Op, leftSmaller, rightSmaller) switch
                {
                    (BinaryOp.Min, true, _) or (BinaryOp.Max, _, true) => Identity(a),
                    (BinaryOp.Min, _, true) or (BinaryOp.Max, true, _) => Identity(b),
                    _ => binary,
                };
            case BinaryOp.Eq or BinaryOp.Le or BinaryOp.Ge when a.Equals(b):
                return Identity(Bool(true));
            case BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Gt when a.Equals(b):
                return Identity(Bool(false));
            default:
                return binary;
        }
    }

    /// <summary>k when the operand is the constant 2^k with k ≥ 1.</summary>
    private static long? PowerOfTwo(Expr expression) =>
        expression is IntImm { Value: > 1 } immediate && BitOperations.IsPow2(immediate.Value) ? BitOperations.Log2((ulong)immediate.Value) : null;

    private Expr SimplifyNot(Not not) => not.Operand switch
    {
        Not inner => Identity(inner.Operand),
        // Only integer comparisons invert: with a NaN operand both a < b and a >= b are false.
        Binary { Op: var op } comparison when op.IsComparison() && comparison.Left.Type is ElementType.I32 or ElementType.I64 or ElementType.Bool =>
            Identity(new Binary(Inverse(op), comparison.Left, comparison.Right)),
        _ => not,
    };

    private static BinaryOp Inverse(BinaryOp comparison) => comparison switch
    {
        BinaryOp.Eq => BinaryOp.Ne,
        BinaryOp.Ne => BinaryOp.Eq,
        BinaryOp.Lt => BinaryOp.Ge,
        BinaryOp.Le => BinaryOp.Gt,
        BinaryOp.Gt => BinaryOp.Le,
        _ => BinaryOp.Lt,
    };

    private Expr SimplifySelect(Select select) => select switch
    {
        { Condition: IntImm condition } => Identity(condition.Value != 0 ? select.IfTrue : select.IfFalse),
        _ when select.IfTrue.Equals(select.IfFalse) => Identity(select.IfTrue),
        { IfTrue: IntImm { Type: ElementType.Bool, Value: 1 }, IfFalse: IntImm { Type: ElementType.Bool, Value: 0 } } => Identity(select.Condition),
        { IfTrue: IntImm { Type: ElementType.Bool, Value: 0 }, IfFalse: IntImm { Type: ElementType.Bool, Value: 1 } } => Identity(new Not(select.Condition)),
        _ => select,
    };

    /// <summary>
    /// A cast to the operand's own type is the operand. Of two integer casts the inner one goes
    /// when it keeps the value (the operand's range fits its type) or when the outer one keeps at
    /// most as many bits (wrapping to n bits and then to m ≤ n bits is wrapping to m bits).
    /// </summary>
    private Expr SimplifyCast(Cast cast)
    {
        if (cast.Value.Type == cast.TargetType)
        {
            return Identity(cast.Value);
        }

        if (cast.Value is Cast { Value: var source } inner
            && cast.TargetType.IsInteger() && inner.TargetType.IsInteger()
            && (source.Type.IsInteger() || source.Type == ElementType.Bool))
        {
            var keepsValue = Bounds(source).IsWithin(Interval.Of(inner.TargetType));
            var narrows = cast.TargetType.ByteSize() <= inner.TargetType.ByteSize();
            if (keepsValue || narrows)
            {
                return Identity(new Cast(cast.TargetType, source));
            }
        }

        return cast;
    }

    private Expr SimplifySaturate(Saturate saturate)
    {
        if (!Bounds(saturate.Value).IsWithin(Interval.Of(saturate.TargetType)))
        {
            return saturate;
        }

        return Identity(saturate.Value.Type == saturate.TargetType ? saturate.Value : new Cast(saturate.TargetType, saturate.Value));
    }
}
