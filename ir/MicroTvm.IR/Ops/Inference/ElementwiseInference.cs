namespace MicroTvm.IR;

internal static class ElementwiseInference
{
    public static ImmutableArray<TensorType> Unary(InferenceContext context)
    {
        var input = context.Operand(0);
        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, input.Shape));
    }

    public static ImmutableArray<TensorType> Binary(InferenceContext context)
    {
        var left = context.Operand(0);
        var right = context.Operand(1);
        if (!InferenceRules.RequireSameElementType(context, left, right))
        {
            return default;
        }

        var shape = InferenceRules.Broadcast(context, left.Shape, right.Shape);
        return shape is null ? default : InferenceRules.One(InferenceRules.SameElementType(context, 0, left, shape.Value));
    }

    /// <summary>prelu: the slope broadcasts to the input, and the result has the input's shape.</summary>
    public static ImmutableArray<TensorType> Prelu(InferenceContext context)
    {
        var input = context.Operand(0);
        var shape = InferenceRules.Broadcast(context, input.Shape, context.Operand(1).Shape);
        if (shape is null)
        {
            return default;
        }

        if (!shape.Value.SequenceEqual(input.Shape))
        {
            context.Error($"slope {InferenceRules.Format(context.Operand(1).Shape)} must broadcast to the input {InferenceRules.Format(input.Shape)}");
            return default;
        }

        return InferenceRules.One(InferenceRules.SameElementType(context, 0, input, input.Shape));
    }

    public static ImmutableArray<TensorType> Softmax(InferenceContext context)
    {
        var input = context.Operand(0);
        return InferenceRules.Axis(context, context.Node.GetInt("axis"), input.Rank) is null
            ? default
            : Unary(context);
    }

    /// <summary>batch_norm: x [..., C]; scale, bias, mean, variance are [C].</summary>
    public static ImmutableArray<TensorType> BatchNorm(InferenceContext context)
    {
        var input = context.Operand(0);
        var channels = input.Rank == 0 ? 1 : input.Shape[^1];
        for (var i = 1; i < 5; i++)
        {
            if (context.Operand(i).ElementCount != channels)
            {
                context.Error($"{context.Node.Op.Operands[i].Name} has {context.Operand(i).ElementCount} elements, expected {channels} (channels are last)");
                return default;
            }
        }

        return InferenceRules.One(new TensorType(input.ElementType, input.Shape));
    }
}
