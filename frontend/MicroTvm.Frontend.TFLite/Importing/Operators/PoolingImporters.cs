using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

/// <summary>MAX_POOL_2D, AVERAGE_POOL_2D (padding excluded from the average, as TFLite does) and the reductions.</summary>
internal static class PoolingImporters
{
    public static Action<OperatorContext> Pool(OpDefinition op) => c =>
    {
        c.RequireInputs(1, 1);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.Pool2DOptions);
        var input = c.InputType(0);
        Checks.Rank(c, input, 4, "input");
        int[] kernel = [o.Int(F.Pool2D.FilterHeight), o.Int(F.Pool2D.FilterWidth)];
        Checks.Positive(c, kernel, "filter size");
        int[] strides = [o.Int(F.Pool2D.StrideH), o.Int(F.Pool2D.StrideW)];
        var window = new TensorType(input.ElementType, [1, kernel[0], kernel[1], 1]);
        c.Emit(op, [c.Operand(0)], [c.Result(0)], Attrs.Of(
            [("kernel", Attrs.Ints(kernel)),
            .. ConvolutionImporters.Window(c, o.Padding(F.Pool2D.Padding), input, window, strides, [1, 1]),
            ("activation", Attrs.Activation(c.Activation(o.Activation(F.Pool2D.Activation))))]));
    };

    /// <summary>MEAN, SUM, REDUCE_MAX, REDUCE_MIN: input and constant axes. No axes at all reduces nothing (a reshape).</summary>
    public static Action<OperatorContext> Reduce(OpDefinition op) => c =>
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var keepDims = c.Options(BuiltinOptionsType.ReducerOptions).Bool(F.Reducer.KeepDims);
        var input = c.InputType(0);
        var axes = c.ConstantInts(1, "axes");
        var normalized = axes.Select(a => (long)Checks.Axis(c, a, input.Rank)).Distinct().Order().ToImmutableArray();
        if (normalized.IsEmpty)
        {
            var result = c.Result(0);
            c.Emit(Ops.Reshape, [c.Operand(0)], [result], Attrs.Of(("shape", Attrs.Ints(result.Type.Shape))));
            return;
        }

        c.Emit(op, [c.Operand(0)], [c.Result(0)], Attrs.Of(("axes", Attrs.Ints(normalized)), ("keepdims", Attrs.Bool(keepDims))));
    };
}
