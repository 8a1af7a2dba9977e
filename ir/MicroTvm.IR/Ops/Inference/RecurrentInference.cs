namespace MicroTvm.IR;

/// <summary>
/// unidirectional_sequence_lstm, with TFLite's operand order: input [T, B, I] (time major) or
/// [B, T, I]; the output's last dimension is the projection size, else the cell count.
/// </summary>
internal static class RecurrentInference
{
    public const int RecurrentToOutputWeights = 8;
    public const int ProjectionWeights = 16;

    public static ImmutableArray<TensorType> Lstm(InferenceContext context)
    {
        var input = context.Operand(0);
        if (!InferenceRules.RequireRank(context, input, "input", 3, 3))
        {
            return default;
        }

        var recurrent = context.Operand(RecurrentToOutputWeights);
        var outputs = context.HasOperand(ProjectionWeights)
            ? context.Operand(ProjectionWeights).Shape[0]
            : recurrent.Shape[^1];
        return InferenceRules.One(InferenceRules.FloatOrDeclared(context, 0, input.ElementType, input.Shape.SetItem(2, outputs)));
    }
}
