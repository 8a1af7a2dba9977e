using MicroTvm.IR.Kernels;
using static MicroTvm.IR.LstmOperands;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// unidirectional_sequence_lstm as one kernel with a time loop; the recurrent state lives in
/// workspaces, initialised from the state operands:
/// <code>
///   hidden[·] = output_state[·]   cell[·] = cell_state[·]
///   for t, for b:
///     for k in cells:                     every gate's W·x and R·h accumulated in one pass each,
///       c = clip(f·c + i·g); cell[k] = c   then the gates, the cell update and m = o·act(c)
///       m[k] = σ(pre_o)·act(c)
///     for p in outputs:                   (after every k: the gates read the old hidden state)
///       hidden[p] = y[t, b, p] = m[p]     or clip(bias_p + W_p·m) with a projection
/// </code>
/// Float follows the interpreter's f32 order exactly (LstmKernel: sums from 0 in j order, bias
/// after W·x, TFLite's float logistic), so the kernel is bit-exact with it wherever expf and
/// tanhf are. The integer LSTM is <see cref="IntegerLstmLowering"/>. Layer
/// normalisation is not lowered.
/// </summary>
internal static class LstmLowering
{
    /// <summary>The gates in operand order, for local names.</summary>
    public static readonly ImmutableArray<string> GateNames = ["input", "forget", "cell", "output"];

    public static void Lstm(GroupLowerer lowerer, Node node, KernelBuffer output)
    {
        var shape = LstmLoweringShape.Of(lowerer, node);
        if (Enumerable.Range(LayerNorm, 4).Any(node.HasOperand))
        {
            throw new LoweringUnsupportedException(node, "layer-normalised LSTMs are not lowered");
        }

        if (lowerer.TypeOf(node.Operands[Input]).IsQuantized || node.Result.Type.IsQuantized)
        {
            IntegerLstmLowering.Lstm(lowerer, node, output, shape);
            return;
        }

        if (node.Result.Type.ElementType != ElementType.F32)
        {
            throw new LoweringUnsupportedException(node, $"an LSTM on {node.Result.Type.ElementType.Mnemonic()} is neither float nor quantized");
        }

        Float(lowerer, node, output, shape);
    }

    /// <summary>Multiply-accumulates: the gates' W·x and R·h, the peepholes and the projection, per step and batch row.</summary>
    public static long Macs(Node node, Graph graph)
    {
        long Count(int operand) => node.HasOperand(operand) && graph.Index.FindValue(node.Operands[operand]) is { } value ? value.Type.ElementCount : 0;
        var input = graph.Index.FindValue(node.Operands[Input])!.Type;
        var rows = (long)input.Shape[0] * input.Shape[1];
        var perRow = Enumerable.Range(InputWeights, 8).Sum(Count) + Enumerable.Range(PeepholeWeights, 3).Sum(Count) + Count(ProjectionWeights);
        return rows * perRow;
    }

    private static void Float(GroupLowerer lowerer, Node node, KernelBuffer output, LstmLoweringShape shape)
    {
        var builder = lowerer.Builder;
        var activation = QuantizedParameters.Activation(node);
        var (cellClip, projectionClip) = ((float)node.GetFloat("cell_clip"), (float)node.GetFloat("proj_clip"));
        var hidden = lowerer.Workspace("hidden", ElementType.F32, shape.Batch * shape.Outputs);
        var cell = lowerer.Workspace("cell", ElementType.F32, shape.Batch * shape.Cells);
        var cellOutput = lowerer.Workspace("cell_output", ElementType.F32, shape.Cells);
        shape.InitialiseStates(lowerer, node, hidden, cell);
        var gates = shape.Cifg ? new[] { ForgetGate, CellGate, OutputGate } : [InputGate, ForgetGate, CellGate, OutputGate];
        shape.StepLoops(builder, (t, b) =>
        {
            builder.Loop("k", shape.Cells, k =>
            {
                var pre = Accumulate(lowerer, node, shape, gates, hidden, t, b, k);
                var cellIndex = IndexMath.Plus(IndexMath.Times(b, shape.Cells), k);
                var previous = builder.Local("c_prev", new Load(cell, cellIndex));
                var forget = builder.Local("forget", Sigmoid(builder, WithPeephole(lowerer, node, ForgetGate, pre[ForgetGate], k, previous)));
                var inputGate = shape.Cifg
                    ? Sub(F32(1), forget)
                    : Sigmoid(builder, WithPeephole(lowerer, node, InputGate, pre[InputGate], k, previous));
                var candidate = FloatActivation.Apply(node, activation, pre[CellGate]);
                var updated = Add(Mul(forget, previous), Mul(inputGate, candidate));
                var clipped = builder.Local("c", cellClip > 0 ? FloatActivation.ClampLike(updated, -cellClip, cellClip) : updated);
                builder.Emit(new Store(cell, cellIndex, clipped));
                var outputGate = Sigmoid(builder, WithPeephole(lowerer, node, OutputGate, pre[OutputGate], k, clipped));
                builder.Emit(new Store(cellOutput, k, Mul(outputGate, FloatActivation.Apply(node, activation, clipped))));
            });
            builder.Loop("p", shape.Outputs, p =>
            {
                Expr value = new Load(cellOutput, p);
                if (node.HasOperand(ProjectionWeights))
                {
                    var sum = builder.Local("projected", F32(0));
                    builder.Loop("k", shape.Cells, k => builder.Emit(new Assign(sum, Add(sum, Mul(
                        lowerer.ValueAtLinear(node.Operands[ProjectionWeights], IndexMath.Plus(IndexMath.Times(p, shape.Cells), k)),
                        new Load(cellOutput, k))))));
                    var bias = node.HasOperand(ProjectionBias) ? lowerer.ValueAtLinear(node.Operands[ProjectionBias], p) : F32(0);
                    value = projectionClip > 0 ? FloatActivation.ClampLike(Add(bias, sum), -projectionClip, projectionClip) : Add(bias, sum);
                }

                var stored = builder.Bind("h", value);
                builder.Emit(new Store(hidden, IndexMath.Plus(IndexMath.Times(b, shape.Outputs), p), stored));
                builder.Emit(new Store(output, IndexMath.Plus(shape.OutputOffset(t, b), p), stored));
            });
        });
    }

    /// <summary>
    /// The pre-activations of <paramref name="gates"/> for cell k without peepholes: one pass over
    /// x and one over the hidden state accumulate every gate's dot products from 0, then
    /// (dx + bias) + dh, as LstmKernel computes them.
    /// </summary>
    private static Expr[] Accumulate(
        GroupLowerer lowerer, Node node, LstmLoweringShape shape, int[] gates, KernelBuffer hidden, Expr t, Expr b, Expr k)
    {
        var builder = lowerer.Builder;
        var dx = gates.ToDictionary(g => g, g => builder.Local("dx_" + GateNames[g], F32(0)));
        var dh = gates.ToDictionary(g => g, g => builder.Local("dh_" + GateNames[g], F32(0)));
        builder.Loop("j", shape.InputSize, j =>
        {
            var x = builder.Bind("x", lowerer.ValueAtLinear(node.Operands[Input], IndexMath.Plus(shape.InputOffset(t, b), j)));
            foreach (var g in gates)
            {
                var w = lowerer.ValueAtLinear(node.Operands[InputWeights + g], IndexMath.Plus(IndexMath.Times(k, shape.InputSize), j));
                builder.Emit(new Assign(dx[g], Add(dx[g], Mul(w, x))));
            }
        });
        builder.Loop("j", shape.Outputs, j =>
        {
            var h = builder.Bind("h_prev", new Load(hidden, IndexMath.Plus(IndexMath.Times(b, shape.Outputs), j)));
            foreach (var g in gates)
            {
                var r = lowerer.ValueAtLinear(node.Operands[RecurrentWeights + g], IndexMath.Plus(IndexMath.Times(k, shape.Outputs), j));
                builder.Emit(new Assign(dh[g], Add(dh[g], Mul(r, h))));
            }
        });
        var pre = new Expr[4];
        foreach (var g in gates)
        {
            pre[g] = builder.Local("pre_" + GateNames[g], Add(Add(dx[g], lowerer.ValueAtLinear(node.Operands[GateBias + g], k)), dh[g]));
        }

        return pre;
    }

    /// <summary>pre + P[k]·c with the gate's peephole weights, or pre without them (the cell gate has none).</summary>
    private static Expr WithPeephole(GroupLowerer lowerer, Node node, int gate, Expr pre, Expr k, Expr cell)
    {
        var operand = PeepholeWeights + (gate == OutputGate ? 2 : gate);
        return gate != CellGate && node.HasOperand(operand) ? Add(pre, Mul(lowerer.ValueAtLinear(node.Operands[operand], k), cell)) : pre;
    }

    /// <summary>TFLite's reference float logistic: 1 above 16.619047, exp(x) below −9, else 1 / (1 + exp(−x)).</summary>
    private static Expr Sigmoid(KernelBuilder builder, Expr pre)
    {
        var x = builder.Bind("z", pre);
        var exp = CallIntrinsic(Intrinsic.Exp, x);
        var logistic = Div(F32(1), Add(F32(1), CallIntrinsic(Intrinsic.Exp, Mul(x, F32(-1)))));
        return new Select(Gt(x, F32(16.619047164916992188f)), F32(1), new Select(Lt(x, F32(-9)), exp, logistic));
    }
}
