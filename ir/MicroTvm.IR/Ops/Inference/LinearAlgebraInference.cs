namespace MicroTvm.IR;

internal static class LinearAlgebraInference
{
    /// <summary>fully_connected: input [..., K] seen as [B, K]; weights [N, K]; bias [N]; output [B, N], or [..., N] with keep_num_dims.</summary>
    public static ImmutableArray<TensorType> FullyConnected(InferenceContext context)
    {
        var input = context.Operand(0);
        var weights = context.Operand(1);
        if (!InferenceRules.RequireRank(context, weights, "weights", 2, 2) || !InferenceRules.RequireRank(context, input, "input", 1, int.MaxValue))
        {
            return default;
        }

        var depth = weights.Shape[1];
        var units = weights.Shape[0];
        if (depth == 0 || input.ElementCount % depth != 0)
        {
            context.Error($"input {InferenceRules.Format(input.Shape)} does not split into rows of the weights' depth {depth}");
            return default;
        }

        if (context.HasOperand(2) && context.Operand(2).ElementCount != units)
        {
            context.Error($"bias has {context.Operand(2).ElementCount} elements, expected {units}");
            return default;
        }

        ImmutableArray<int> shape = context.Node.GetBool("keep_num_dims")
            ? input.Shape.SetItem(input.Rank - 1, units)
            : [(int)(input.ElementCount / depth), units];
        if (context.Node.GetBool("keep_num_dims") && input.Shape[^1] != depth)
        {
            context.Error($"with keep_num_dims the input's last dimension {input.Shape[^1]} must equal the depth {depth}");
            return default;
        }

        return InferenceRules.One(InferenceRules.FloatOrDeclared(context, 0, input.ElementType, shape));
    }

    /// <summary>matmul: NumPy semantics (1-D operands promoted and the promoted axis dropped; batch dimensions broadcast).</summary>
    public static ImmutableArray<TensorType> MatMul(InferenceContext context) => Batched(context, false, false);

    /// <summary>batch_matmul: like matmul, with adj_x / adj_y transposing the last two dimensions of each operand.</summary>
    public static ImmutableArray<TensorType> BatchMatMul(InferenceContext context) =>
        Batched(context, context.Node.GetBool("adj_x"), context.Node.GetBool("adj_y"));

    private static ImmutableArray<TensorType> Batched(InferenceContext context, bool adjointLeft, bool adjointRight)
    {
        var left = context.Operand(0);
        var right = context.Operand(1);
        if (left.Rank == 0 || right.Rank == 0)
        {
            context.Error("matmul operands must have rank 1 or more");
            return default;
        }

        var a = left.Rank == 1 ? [1, left.Shape[0]] : left.Shape;
        var b = right.Rank == 1 ? [right.Shape[0], 1] : right.Shape;
        var (m, k) = adjointLeft ? (a[^1], a[^2]) : (a[^2], a[^1]);
        var (k2, n) = adjointRight ? (b[^1], b[^2]) : (b[^2], b[^1]);
        if (k != k2)
        {
            context.Error($"inner dimensions differ: {InferenceRules.Format(left.Shape)} × {InferenceRules.Format(right.Shape)} ({k} vs {k2})");
            return default;
        }

        var batch = InferenceRules.Broadcast(context, a[..^2], b[..^2]);
        if (batch is null)
        {
            return default;
        }

        var shape = batch.Value.ToList();
        if (left.Rank > 1)
        {
            shape.Add(m);
        }

        if (right.Rank > 1)
        {
            shape.Add(n);
        }

        return InferenceRules.One(InferenceRules.FloatOrDeclared(context, 0, left.ElementType, [.. shape]));
    }
}
