namespace MicroTvm.IR;

/// <summary>Building blocks shared by the op catalog's type-inference functions.</summary>
internal static class InferenceRules
{
    /// <summary>
    /// Element type and quantization of a result that the op leaves free when its input is
    /// integer: float in, float out; integer in, whatever the model declared.
    /// </summary>
    public static TensorType FloatOrDeclared(InferenceContext context, int result, ElementType input, ImmutableArray<int> shape)
    {
        if (input == ElementType.F32)
        {
            return new TensorType(ElementType.F32, shape);
        }

        var declared = context.Declared(result);
        return declared is null
            ? new TensorType(input, shape)
            : new TensorType(declared.ElementType, shape, declared.Quantization);
    }

    /// <summary>Same element type as the input; a quantized input leaves the output's quantization to the model.</summary>
    public static TensorType SameElementType(InferenceContext context, int result, TensorType input, ImmutableArray<int> shape)
    {
        var quantization = input.IsQuantized ? context.Declared(result)?.Quantization ?? input.Quantization : null;
        return new TensorType(input.ElementType, shape, quantization);
    }

    /// <summary>Declared element type and quantization over an inferred shape (cast, quantize …).</summary>
    public static TensorType Declared(InferenceContext context, int result, ImmutableArray<int> shape, ElementType fallback)
    {
        var declared = context.Declared(result);
        return new TensorType(declared?.ElementType ?? fallback, shape, declared?.Quantization);
    }

    public static ImmutableArray<TensorType> One(TensorType type) => [type];

    /// <summary>NumPy broadcasting of two shapes; null (with an error) when they are incompatible.</summary>
    public static ImmutableArray<int>? Broadcast(InferenceContext context, ImmutableArray<int> left, ImmutableArray<int> right)
    {
        var rank = Math.Max(left.Length, right.Length);
        var shape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var l = i < rank - left.Length ? 1 : left[i - (rank - left.Length)];
            var r = i < rank - right.Length ? 1 : right[i - (rank - right.Length)];
            if (l != r && l != 1 && r != 1)
            {
                context.Error($"shapes [{string.Join(", ", left)}] and [{string.Join(", ", right)}] do not broadcast (dimension {i}: {l} vs {r})");
                return null;
            }

            shape[i] = l == 1 ? r : l;
        }

        return [.. shape];
    }

    /// <summary>Normalises a possibly negative axis against a rank, reporting an error when out of range.</summary>
    public static int? Axis(InferenceContext context, long axis, int rank, string what = "axis")
    {
        var normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            context.Error($"{what} {axis} is out of range for rank {rank}");
            return null;
        }

        return (int)normalized;
    }

    public static bool RequireRank(InferenceContext context, TensorType type, string operand, int minRank, int maxRank)
    {
        if (type.Rank < minRank || type.Rank > maxRank)
        {
            context.Error(minRank == maxRank
                ? $"{operand} must have rank {minRank}, but has rank {type.Rank}"
                : $"{operand} must have rank {minRank} to {maxRank}, but has rank {type.Rank}");
            return false;
        }

        return true;
    }

    public static bool RequireSameElementType(InferenceContext context, TensorType left, TensorType right)
    {
        if (left.ElementType != right.ElementType)
        {
            context.Error($"operand element types differ: {left.ElementType.Mnemonic()} and {right.ElementType.Mnemonic()}");
            return false;
        }

        return true;
    }

    public static string Format(ImmutableArray<int> shape) => $"[{string.Join(", ", shape)}]";
}
