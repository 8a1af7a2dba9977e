using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

internal static class LinearAlgebraImporters
{
    /// <summary>
    /// FULLY_CONNECTED: input, weights [N, K], optional bias. When the model declares an output
    /// shape other than the IR's [B, N] (or [..., N] with keep_num_dims), a reshape follows.
    /// </summary>
    public static void FullyConnected(OperatorContext c)
    {
        c.RequireInputs(2, 3);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.FullyConnectedOptions);
        c.Require(o.SByte(F.FullyConnected.WeightsFormat) == 0, TfliteDiagnosticIds.UnsupportedOption, $"weights format {o.SByte(F.FullyConnected.WeightsFormat)} (shuffled) is not supported");
        var input = c.InputType(0);
        var weights = c.InputType(1);
        Checks.Rank(c, weights, 2, "weights");
        var keepNumDims = o.Bool(F.FullyConnected.KeepNumDims);
        var depth = weights.Shape[1];
        c.Require(input.Rank > 0 && depth > 0 && input.ElementCount % depth == 0, TfliteDiagnosticIds.BadOperands, $"input {input} does not split into rows of the weights' depth {depth}");
        var result = c.Result(0);
        ImmutableArray<int> shape = keepNumDims
            ? input.Shape.SetItem(input.Rank - 1, weights.Shape[0])
            : [(int)(input.ElementCount / depth), weights.Shape[0]];
        var direct = shape.SequenceEqual(result.Type.Shape);
        var product = direct ? result : c.Fresh(result.Name + ".2d", result.Type.WithShape(shape));
        c.Emit(Ops.FullyConnected, [c.Operand(0), c.Operand(1), c.Operand(2)], [product], Attrs.Of(
            ("keep_num_dims", keepNumDims ? Attrs.Bool(true) : null),
            ("activation", Attrs.Activation(c.Activation(o.Activation(F.FullyConnected.Activation))))));
        if (!direct)
        {
            c.Emit(Ops.Reshape, [product.Name], [result], Attrs.Of(("shape", Attrs.Ints(result.Type.Shape))));
        }
    }

    public static void BatchMatMul(OperatorContext c)
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.BatchMatMulOptions);
        c.Emit(Ops.BatchMatMul, [c.Operand(0), c.Operand(1)], [c.Result(0)], Attrs.Of(
            ("adj_x", o.Bool(F.BatchMatMul.AdjX) ? Attrs.Bool(true) : null),
            ("adj_y", o.Bool(F.BatchMatMul.AdjY) ? Attrs.Bool(true) : null)));
    }
}
