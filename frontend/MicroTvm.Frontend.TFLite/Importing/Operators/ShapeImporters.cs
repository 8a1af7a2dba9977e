using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

/// <summary>Data-movement ops whose shape operands (constant tensors in TFLite) become attributes.</summary>
internal static class ShapeImporters
{
    /// <summary>The target shape is the output tensor's static shape: the shape operand or new_shape may hold -1.</summary>
    public static void Reshape(OperatorContext c)
    {
        c.RequireInputs(1, 2);
        c.RequireOutputs(1);
        var result = c.Result(0);
        c.Emit(Ops.Reshape, [c.Operand(0)], [result], Attrs.Of(("shape", Attrs.Ints(result.Type.Shape))));
    }

    public static void Squeeze(OperatorContext c)
    {
        c.RequireInputs(1, 1);
        c.RequireOutputs(1);
        var rank = c.InputType(0).Rank;
        var axes = c.Options(BuiltinOptionsType.SqueezeOptions).Ints(F.Squeeze.SqueezeDims)
            .Select(a => (long)Checks.Axis(c, a, rank)).Distinct().Order();
        c.Emit(Ops.Squeeze, [c.Operand(0)], [c.Result(0)], Attrs.Of(("axes", Attrs.Ints(axes))));
    }

    public static void ExpandDims(OperatorContext c)
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var axis = c.ConstantInts(1, "axis");
        c.Require(axis.Length == 1, TfliteDiagnosticIds.BadOperands, $"axis must hold one value, holds {axis.Length}");
        var normalized = Checks.Axis(c, axis[0], c.InputType(0).Rank + 1);
        c.Emit(Ops.ExpandDims, [c.Operand(0)], [c.Result(0)], Attrs.Of(("axis", Attrs.Int(normalized))));
    }

    public static void Transpose(OperatorContext c)
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var perm = c.ConstantInts(1, "permutation");
        c.Emit(Ops.Transpose, [c.Operand(0)], [c.Result(0)], Attrs.Of(("perm", Attrs.Ints(perm))));
    }

    public static void Concatenation(OperatorContext c)
    {
        c.RequireInputs(1, int.MaxValue);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.ConcatenationOptions);
        var axis = Checks.Axis(c, o.Int(F.Concatenation.Axis), c.InputType(0).Rank);
        var activation = c.Activation(o.Activation(F.Concatenation.Activation));
        var result = c.Result(0);
        var joined = activation == Activations.None ? result : c.Fresh(result.Name + ".concat", result.Type);
        var operands = Enumerable.Range(0, c.InputCount).Select(c.Operand).ToImmutableArray();
        c.Emit(Ops.Concat, operands, [joined], Attrs.Of(("axis", Attrs.Int(axis))));
        if (activation != Activations.None)
        {
            ElementwiseImporters.Activation(c, activation, joined, result);
        }
    }

    /// <summary>SPLIT: inputs are the constant axis, then the tensor; equal parts, one per output.</summary>
    public static void Split(OperatorContext c)
    {
        c.RequireInputs(2, 2);
        c.Require(c.OutputCount > 0, TfliteDiagnosticIds.BadOperands, "has no outputs");
        var axisValues = c.ConstantInts(0, "axis");
        c.Require(axisValues.Length == 1, TfliteDiagnosticIds.BadOperands, $"axis must hold one value, holds {axisValues.Length}");
        var input = c.InputType(1);
        var axis = Checks.Axis(c, axisValues[0], input.Rank);
        var parts = c.OutputCount;
        c.Require(input.Shape[axis] % parts == 0, TfliteDiagnosticIds.BadOperands, $"dimension {axis} of extent {input.Shape[axis]} does not split into {parts} equal parts");
        var sizes = Enumerable.Repeat((long)(input.Shape[axis] / parts), parts);
        c.Emit(Ops.Split, [c.Operand(1)], c.Results(), Attrs.Of(("axis", Attrs.Int(axis)), ("sizes", Attrs.Ints(sizes))));
    }

    /// <summary>SPLIT_V: tensor, constant sizes (one may be -1: the rest), constant axis.</summary>
    public static void SplitV(OperatorContext c)
    {
        c.RequireInputs(3, 3);
        var input = c.InputType(0);
        var sizes = c.ConstantInts(1, "size_splits").ToArray();
        var axisValues = c.ConstantInts(2, "axis");
        c.Require(axisValues.Length == 1, TfliteDiagnosticIds.BadOperands, $"axis must hold one value, holds {axisValues.Length}");
        var axis = Checks.Axis(c, axisValues[0], input.Rank);
        c.Require(sizes.Length == c.OutputCount, TfliteDiagnosticIds.BadOperands, $"has {sizes.Length} sizes but {c.OutputCount} outputs");
        var extent = input.Shape[axis];
        var message = $"sizes [{string.Join(", ", sizes)}] do not add up to extent {extent} of dimension {axis}";
        c.Require(sizes.All(s => s >= -1 && s <= extent) && sizes.Count(s => s == -1) <= 1, TfliteDiagnosticIds.BadOperands, message);
        var unknown = Array.IndexOf(sizes, -1L);
        if (unknown >= 0)
        {
            sizes[unknown] = 0;
            sizes[unknown] = extent - sizes.Sum();
        }

        c.Require(sizes.All(s => s >= 0) && sizes.Sum() == extent, TfliteDiagnosticIds.BadOperands, message);
        c.Emit(Ops.Split, [c.Operand(0)], c.Results(), Attrs.Of(("axis", Attrs.Int(axis)), ("sizes", Attrs.Ints(sizes))));
    }

    public static void Gather(OperatorContext c)
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.GatherOptions);
        var rank = c.InputType(0).Rank;
        var axis = Checks.Axis(c, o.Int(F.Gather.Axis), rank);
        var batchDims = o.Int(F.Gather.BatchDims);
        if (batchDims < 0)
        {
            batchDims += c.InputType(1).Rank;
        }

        c.Emit(Ops.Gather, [c.Operand(0), c.Operand(1)], [c.Result(0)], Attrs.Of(("axis", Attrs.Int(axis)), ("batch_dims", Attrs.Int(batchDims))));
    }
}
