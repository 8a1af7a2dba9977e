namespace MicroTvm.IR;

/// <summary>
/// unidirectional_sequence_lstm, with TFLite's operand order and shapes: input [T, B, I] (time
/// major) or [B, T, I]; input-to-gate weights [cells, I]; recurrent weights [cells, outputs];
/// peepholes, gate biases and layer norms [cells]; projection [outputs, cells] and its bias
/// [outputs]; output state [B, outputs]; cell state [B, cells]. The result is the input with
/// its last dimension replaced by the output count.
/// </summary>
internal static class RecurrentInference
{
    public const int InputToForgetWeights = 2;
    public const int RecurrentToOutputWeights = 8;
    public const int ProjectionWeights = 16;

    public static ImmutableArray<TensorType> Lstm(InferenceContext context)
    {
        var input = context.Operand(0);
        var inputToForget = context.Operand(InputToForgetWeights);
        var recurrent = context.Operand(RecurrentToOutputWeights);
        if (!InferenceRules.RequireRank(context, input, "input", 3, 3)
            || !InferenceRules.RequireRank(context, inputToForget, "input_to_forget_weights", 2, 2)
            || !InferenceRules.RequireRank(context, recurrent, "recurrent_to_output_weights", 2, 2))
        {
            return default;
        }

        var batch = context.Node.GetBool("time_major") ? input.Shape[1] : input.Shape[0];
        var inputs = input.Shape[2];
        var cells = inputToForget.Shape[0];
        var outputs = recurrent.Shape[1];
        if (!context.HasOperand(ProjectionWeights) && outputs != cells)
        {
            context.Error($"without projection the output size {outputs} must equal the cell count {cells}");
            return default;
        }

        ImmutableArray<int>[] expected =
        [
            [], [cells, inputs], [cells, inputs], [cells, inputs], [cells, inputs],
            [cells, outputs], [cells, outputs], [cells, outputs], [cells, outputs],
            [cells], [cells], [cells], [cells], [cells], [cells], [cells],
            [outputs, cells], [outputs], [batch, outputs], [batch, cells],
            [cells], [cells], [cells], [cells],
        ];
        for (var i = 1; i < Math.Min(context.OperandCount, expected.Length); i++)
        {
            if (context.HasOperand(i) && !context.Operand(i).Shape.SequenceEqual(expected[i]))
            {
                context.Error($"{context.Node.Op.Operands[i].Name} is {InferenceRules.Format(context.Operand(i).Shape)}, expected {InferenceRules.Format(expected[i])}");
                return default;
            }
        }

        return InferenceRules.One(InferenceRules.FloatOrDeclared(context, 0, input.ElementType, input.Shape.SetItem(2, outputs)));
    }
}
