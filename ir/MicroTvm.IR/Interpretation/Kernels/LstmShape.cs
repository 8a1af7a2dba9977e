namespace MicroTvm.IR.Interpretation;

/// <summary>The sizes of one unidirectional_sequence_lstm node and where step t of batch row b sits in its input and output.</summary>
internal sealed record LstmShape(bool TimeMajor, int Steps, int Batch, int InputSize, int Cells, int Outputs, bool Cifg)
{
    public static LstmShape Of(KernelContext context)
    {
        var input = context.Operand(LstmOperands.Input);
        var timeMajor = context.Node.GetBool("time_major");
        var (steps, batch) = timeMajor ? (input.Shape[0], input.Shape[1]) : (input.Shape[1], input.Shape[0]);
        var cells = context.Operand(LstmOperands.InputWeights + LstmOperands.ForgetGate).Shape[0];
        var outputs = context.OptionalOperand(LstmOperands.ProjectionWeights)?.Shape[0] ?? cells;
        var shape = new LstmShape(timeMajor, steps, batch, input.Shape[2], cells, outputs, context.OptionalOperand(LstmOperands.InputWeights) is null);
        if (context.Operand(LstmOperands.OutputState).Length != batch * outputs || context.Operand(LstmOperands.CellState).Length != batch * cells)
        {
            throw new InterpreterFailure($"states must be [{batch}, {outputs}] and [{batch}, {cells}]");
        }

        return shape;
    }

    public int InputOffset(int t, int b) => (TimeMajor ? (t * Batch) + b : (b * Steps) + t) * InputSize;

    public int OutputOffset(int t, int b) => (TimeMajor ? (t * Batch) + b : (b * Steps) + t) * Outputs;
}
