using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.Lowering;

/// <summary>The sizes of an LSTM node, the loops over its steps and batch rows, and the offsets of one step of one row.</summary>
internal sealed record LstmLoweringShape(bool TimeMajor, int Steps, int Batch, int InputSize, int Cells, int Outputs, bool Cifg)
{
    public static LstmLoweringShape Of(GroupLowerer lowerer, Node node)
    {
        var input = lowerer.TypeOf(node.Operands[LstmOperands.Input]);
        var forget = lowerer.TypeOf(node.Operands[LstmOperands.InputWeights + LstmOperands.ForgetGate]);
        if (input.Rank != 3 || forget.Rank != 2)
        {
            throw new LoweringUnsupportedException(node, $"needs a rank-3 input and rank-2 weights, got {input} and {forget}");
        }

        var timeMajor = node.GetBool("time_major");
        var (steps, batch) = timeMajor ? (input.Shape[0], input.Shape[1]) : (input.Shape[1], input.Shape[0]);
        var cells = forget.Shape[0];
        var outputs = node.HasOperand(LstmOperands.ProjectionWeights) ? lowerer.TypeOf(node.Operands[LstmOperands.ProjectionWeights]).Shape[0] : cells;
        var shape = new LstmLoweringShape(timeMajor, steps, batch, input.Shape[2], cells, outputs, !node.HasOperand(LstmOperands.InputWeights));
        if (lowerer.TypeOf(node.Operands[LstmOperands.OutputState]).ElementCount != batch * outputs
            || lowerer.TypeOf(node.Operands[LstmOperands.CellState]).ElementCount != batch * cells)
        {
            throw new LoweringUnsupportedException(node, $"states must hold {batch}×{outputs} and {batch}×{cells} elements");
        }

        return shape;
    }

    /// <summary>Flat index of step t of batch row b in the input, times the input size.</summary>
    public Expr InputOffset(Expr t, Expr b) => IndexMath.Times(Row(t, b), InputSize);

    /// <summary>Flat index of step t of batch row b in the output, times the output size.</summary>
    public Expr OutputOffset(Expr t, Expr b) => IndexMath.Times(Row(t, b), Outputs);

    /// <summary>Copies the initial states (operands) into the state workspaces, converting each element with <paramref name="convert"/>.</summary>
    public void InitialiseStates(GroupLowerer lowerer, Node node, KernelBuffer hidden, KernelBuffer cell, Func<Expr, Expr>? convert = null)
    {
        convert ??= e => e;
        foreach (var (operand, buffer) in new[] { (LstmOperands.OutputState, hidden), (LstmOperands.CellState, cell) })
        {
            lowerer.Builder.Loop("s", buffer.Count, i =>
                lowerer.Builder.Emit(new Store(buffer, i, Registers.Narrow(buffer.ElementType, convert(lowerer.ValueAtLinear(node.Operands[operand], i))))));
        }
    }

    /// <summary>for t in steps { for b in batch { body(t, b) } }.</summary>
    public void StepLoops(KernelBuilder builder, Action<Expr, Expr> body) =>
        builder.Loop("t", Steps, t => builder.Loop("b", Batch, b => body(t, b)));

    private Expr Row(Expr t, Expr b) => TimeMajor
        ? IndexMath.Plus(IndexMath.Times(t, Batch), b)
        : IndexMath.Plus(IndexMath.Times(b, Steps), t);
}
