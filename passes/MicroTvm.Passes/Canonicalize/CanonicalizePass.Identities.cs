using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>Algebraic identities with a splat constant: only the exact ones, never on quantized tensors.</summary>
public sealed partial class CanonicalizePass
{
    private CanonicalRewrite Identity(Node node, GraphRewriter rewriter)
    {
        var type = node.Result.Type;
        if (node.Operands.Length != 2 || node.GetAttribute("activation") is not StringAttribute { Value: Activations.None }
            || type.IsQuantized || type.ElementType == ElementType.Bool)
        {
            return CanonicalRewrite.None;
        }

        var (left, right) = (node.Operands[0], node.Operands[1]);
        if (IsNeutral(node.Op, rewriter.ConstantValue(right), type.ElementType) && SameType(rewriter, left, node))
        {
            return CanonicalRewrite.ReplaceBy(left, NumIdentities);
        }

        var commutative = node.Op == Ops.Add || node.Op == Ops.Mul;
        return commutative && IsNeutral(node.Op, rewriter.ConstantValue(left), type.ElementType) && SameType(rewriter, right, node)
            ? CanonicalRewrite.ReplaceBy(right, NumIdentities)
            : CanonicalRewrite.None;
    }

    /// <summary>Every element is the op's neutral element: -0 for add (+0 turns x = -0 into +0), +0 for sub, 1 for mul and div.</summary>
    private bool IsNeutral(OpDefinition op, TensorData? constant, ElementType elementType)
    {
        if (constant is null || constant.Type.IsQuantized || constant.Type.ElementType != elementType)
        {
            return false;
        }

        for (long i = 0; i < constant.Type.ElementCount; i++)
        {
            if (!(elementType == ElementType.F32 ? IsNeutral(op, constant.GetSingle(i)) : IsNeutral(op, constant.GetInt64(i))))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsNeutral(OpDefinition op, float value) =>
        op == Ops.Add ? value == 0 && (NoSignedZeros || float.IsNegative(value))
        : op == Ops.Sub ? value == 0 && (NoSignedZeros || !float.IsNegative(value))
        : value == 1;

    private static bool IsNeutral(OpDefinition op, long value) => value == (op == Ops.Add || op == Ops.Sub ? 0 : 1);
}
