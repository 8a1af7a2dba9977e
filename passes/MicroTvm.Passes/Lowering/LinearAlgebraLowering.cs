using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// fully_connected at one output element [row…, u]: the input is read as rows of K (flat index
/// row·K + k, whatever its shape), the weights as [N, K]; accumulator from the bias, Σ (x − zx)(w − zw)
/// over k, then <see cref="AccumulatorEpilogue"/> (TFLite's per-tensor kernel uses the legacy
/// f32 scale product, the per-channel one does not).
/// </summary>
internal static class LinearAlgebraLowering
{
    public static Expr FullyConnected(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var (input, weights, output) = (lowerer.TypeOf(node.Operands[0]), lowerer.TypeOf(node.Operands[1]), node.Result.Type);
        if (weights.Rank != 2 || weights.Shape[1] == 0 || input.ElementCount % weights.Shape[1] != 0 || output.Rank == 0)
        {
            throw new LoweringUnsupportedException(node, $"weights {weights} do not match input {input}");
        }

        var depth = weights.Shape[1];
        var row = IndexMath.Linear(index[..^1], output.Shape[..^1]);
        var unit = index[^1];
        var accumulatorType = AccumulatorEpilogue.AccumulatorType(input);
        var inputZero = input.Quantization is { } q ? QuantizedParameters.PerTensor(node, input, "input").ZeroPoint : 0;
        var builder = lowerer.Builder;
        var accumulator = builder.Local("acc", AccumulatorEpilogue.Initial(lowerer, node, unit, accumulatorType));
        builder.Loop("k", depth, k =>
        {
            var x = lowerer.ValueAtLinear(node.Operands[0], IndexMath.Plus(IndexMath.Times(row, depth), k));
            x = QuantizedArithmeticLowering.Minus(x, inputZero);
            var w = lowerer.Shifted(node.Operands[1], [unit, k]);
            builder.Emit(new Assign(accumulator, Add(accumulator, AccumulatorEpilogue.Product(x, w, accumulatorType))));
        });
        var legacy = weights.Quantization?.Scales.Length == 1;
        return AccumulatorEpilogue.Finish(lowerer, node, accumulator, unit, legacy);
    }
}
