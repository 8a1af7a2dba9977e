using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// TFLite Micro's integer LSTM (int8 activations and weights, int32 biases, int16 cell state)
/// as one kernel, bit-exact with the interpreter's LstmIntegerKernel: the loop nest of
/// <see cref="LstmLowering"/> (state in an i8 hidden and an i16 cell workspace), each gate's
/// W·x (from the bias) and R·h accumulated in i32 in one pass over x and one over h,
/// requantized to int16 and summed with saturation, the gates' int16 logistic and tanh through
/// TFLite's table (<see cref="Int16ActivationExprs"/>), and the products requantized with the
/// constants of <see cref="IntegerLstmParameters"/>.
/// </summary>
internal static class IntegerLstmLowering
{
    public static void Lstm(GroupLowerer lowerer, Node node, KernelBuffer output, LstmLoweringShape shape)
    {
        var types = Enumerable.Range(0, node.Operands.Length).Select(i => node.HasOperand(i) ? lowerer.TypeOf(node.Operands[i]) : null).ToList();
        var parameters = IntegerLstmParameters.TryCreate(node, types, node.Result.Type, out var problem)
            ?? throw new LoweringUnsupportedException(node, problem!);
        if (!Fits(parameters))
        {
            throw new LoweringUnsupportedException(node, "an LSTM requantization multiplier is out of the fixed-point range");
        }

        var builder = lowerer.Builder;
        var lut = new Int16ActivationExprs(lowerer);
        var hidden = lowerer.Workspace("hidden", ElementType.I8, shape.Batch * shape.Outputs);
        var cell = lowerer.Workspace("cell", ElementType.I16, shape.Batch * shape.Cells);
        var cellOutput = lowerer.Workspace("cell_output", ElementType.I8, shape.Cells);
        shape.InitialiseStates(lowerer, node, hidden, cell);
        shape.StepLoops(builder, (t, b) =>
        {
            builder.Loop("k", shape.Cells, k =>
            {
                var pre = Accumulate(lowerer, node, shape, parameters, hidden, t, b, k);
                var forget = builder.Local("forget", lut.Logistic(pre[LstmOperands.ForgetGate], 0, 0));
                var input = builder.Local("input", lut.Logistic(pre[LstmOperands.InputGate], 0, 0));
                var candidate = builder.Local("candidate", lut.Tanh(pre[LstmOperands.CellGate], 0, 0));
                var outputGate = builder.Local("output", lut.Logistic(pre[LstmOperands.OutputGate], 0, 0));
                var cellIndex = IndexMath.Plus(IndexMath.Times(b, shape.Cells), k);
                var previous = Registers.Widen(new Load(cell, cellIndex));
                var kept = Saturate16(Rq(Mul(forget, previous), parameters.ForgetCellScale));
                var added = Saturate16(Rq(Mul(input, candidate), parameters.InputCandidateScale));
                Expr updated = Saturate16(Add(kept, added));
                if (parameters.CellClip is { } clip)
                {
                    updated = Clamp(updated, I32(-clip), I32(clip));
                }

                var c = builder.Local("c", updated);
                builder.Emit(new Store(cell, cellIndex, CastTo(ElementType.I16, c)));
                var (multiplier, shift) = parameters.CellTanhRescale;
                var activated = builder.Local("tanh_c", lut.Tanh(c, multiplier, shift));
                var h = Registers.AddZeroPointClamped(Rq(Mul(activated, outputGate), parameters.HiddenScale), parameters.HiddenZero, sbyte.MinValue, sbyte.MaxValue);
                builder.Emit(new Store(cellOutput, k, CastTo(ElementType.I8, h)));
            });
            builder.Loop("p", shape.Outputs, p =>
            {
                var value = builder.Bind("h", new Load(cellOutput, p));
                builder.Emit(new Store(hidden, IndexMath.Plus(IndexMath.Times(b, shape.Outputs), p), value));
                builder.Emit(new Store(output, IndexMath.Plus(shape.OutputOffset(t, b), p), value));
            });
        });
    }

    /// <summary>Every gate's saturated int16 pre-activation for cell k.</summary>
    private static Expr[] Accumulate(
        GroupLowerer lowerer, Node node, LstmLoweringShape shape, IntegerLstmParameters parameters, KernelBuffer hidden, Expr t, Expr b, Expr k)
    {
        var builder = lowerer.Builder;
        var dx = Enumerable.Range(0, 4).Select(g => builder.Local("dx_" + LstmLowering.GateNames[g], lowerer.ValueAtLinear(node.Operands[LstmOperands.GateBias + g], k))).ToArray();
        var dh = Enumerable.Range(0, 4).Select(g => builder.Local("dh_" + LstmLowering.GateNames[g], I32(0))).ToArray();
        builder.Loop("j", shape.InputSize, j =>
        {
            var x = builder.Bind("x", QuantizedArithmeticLowering.Minus(
                lowerer.ValueAtLinear(node.Operands[LstmOperands.Input], IndexMath.Plus(shape.InputOffset(t, b), j)), parameters.InputZero));
            for (var g = 0; g < 4; g++)
            {
                var w = lowerer.ValueAtLinear(node.Operands[LstmOperands.InputWeights + g], IndexMath.Plus(IndexMath.Times(k, shape.InputSize), j));
                builder.Emit(new Assign(dx[g], Add(dx[g], Mul(QuantizedArithmeticLowering.Minus(w, parameters.InputWeightZeros[g]), x))));
            }
        });
        builder.Loop("j", shape.Outputs, j =>
        {
            var h = builder.Bind("h_prev", QuantizedArithmeticLowering.Minus(
                Registers.Widen(new Load(hidden, IndexMath.Plus(IndexMath.Times(b, shape.Outputs), j))), parameters.HiddenZero));
            for (var g = 0; g < 4; g++)
            {
                var r = lowerer.ValueAtLinear(node.Operands[LstmOperands.RecurrentWeights + g], IndexMath.Plus(IndexMath.Times(k, shape.Outputs), j));
                builder.Emit(new Assign(dh[g], Add(dh[g], Mul(QuantizedArithmeticLowering.Minus(r, parameters.RecurrentWeightZeros[g]), h))));
            }
        });
        return
        [
            .. Enumerable.Range(0, 4).Select(g => builder.Bind(
                "pre_" + LstmLowering.GateNames[g],
                Saturate16(Add(Saturate16(Rq(dx[g], parameters.InputScales[g])), Saturate16(Rq(dh[g], parameters.RecurrentScales[g]))))))
        ];
    }

    private static bool Fits(IntegerLstmParameters parameters) =>
        parameters.InputScales.Concat(parameters.RecurrentScales)
            .Append(parameters.ForgetCellScale).Append(parameters.InputCandidateScale).Append(parameters.HiddenScale)
            .All(s => s.Shift is >= -31 and <= 31);

    private static Expr Rq(Expr x, (int Multiplier, int Shift) scale) => Requantize(x, I32(scale.Multiplier), I32(scale.Shift));

    private static Expr Saturate16(Expr x) => Clamp(x, I32(short.MinValue), I32(short.MaxValue));
}
