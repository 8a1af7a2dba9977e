using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Injective ops as index maps on stored values (the interpreter's ShapeKernels copy stored
/// values, whatever the quantization): reshape, squeeze and expand_dims read the same flat
/// index; transpose permutes; slice and strided_slice offset and scale; concat selects the
/// operand whose range holds the index (each read clamped into its operand); pad reads the
/// clamped index and selects the fill value outside (constant mode) or reads the clamped index
/// (edge mode); gather reads its index tensor and clamps the position. No op here ever
/// materialises a copy: the value at an index is read where needed.
/// </summary>
internal static class ShapeLowering
{
    public static Expr Reshape(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) =>
        lowerer.ValueAtLinear(node.Operands[0], IndexMath.Linear(index, node.Result.Type.Shape));

    public static Expr Transpose(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var perm = node.GetInts("perm");
        var source = new Expr[perm.Length];
        for (var d = 0; d < perm.Length; d++)
        {
            source[(int)perm[d]] = index[d];
        }

        return lowerer.ValueAt(node.Operands[0], [.. source]);
    }

    public static Expr Slice(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var begins = node.GetInts("begins");
        return lowerer.ValueAt(node.Operands[0], [.. index.Select((i, d) => IndexMath.Plus(i, (int)begins[d]))]);
    }

    public static Expr StridedSlice(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var (begins, strides, shrink) = (node.GetInts("begins"), node.GetInts("strides"), node.GetInts("shrink_axes"));
        var input = lowerer.TypeOf(node.Operands[0]);
        var source = ImmutableArray.CreateBuilder<Expr>(input.Rank);
        var o = 0;
        for (var d = 0; d < input.Rank; d++)
        {
            var i = shrink.Contains(d) ? I32(0) : index[o++];
            source.Add(IndexMath.Plus(IndexMath.Times(i, (int)strides[d]), (int)begins[d]));
        }

        return lowerer.ValueAt(node.Operands[0], source.MoveToImmutable());
    }

    public static Expr Concat(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var rank = node.Result.Type.Rank;
        var axis = (int)(node.GetInt("axis") < 0 ? node.GetInt("axis") + rank : node.GetInt("axis"));
        Expr? value = null;
        var offset = 0;
        var parts = new List<(Expr Condition, Expr Value)>();
        foreach (var operand in node.Operands)
        {
            var extent = lowerer.TypeOf(operand).Shape[axis];
            if (extent == 0)
            {
                continue;
            }

            var local = IndexMath.Plus(index[axis], -offset);
            Expr clamped = Clamp(local, I32(0), I32(extent - 1));
            parts.Add((Lt(index[axis], I32(offset + extent)), lowerer.ValueAt(operand, index.SetItem(axis, clamped))));
            offset += extent;
        }

        for (var p = parts.Count - 1; p >= 0; p--)
        {
            value = value is null ? parts[p].Value : new Select(parts[p].Condition, parts[p].Value, value);
        }

        return value ?? throw new LoweringUnsupportedException(node, "concat of empty operands");
    }

    /// <summary>
    /// gather: the index tensor read at (batch dimensions, index dimensions) of the output index,
    /// negative positions counted from the end, then clamped into the axis (an out-of-range
    /// position fails the interpreter's node; the clamp only keeps the kernel defined).
    /// </summary>
    public static Expr Gather(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var (data, indices) = (lowerer.TypeOf(node.Operands[0]), lowerer.TypeOf(node.Operands[1]));
        var axisValue = node.GetInt("axis");
        var axis = (int)(axisValue < 0 ? axisValue + data.Rank : axisValue);
        var batchDims = (int)node.GetInt("batch_dims");
        var indexRank = indices.Rank - batchDims;
        if (axis < batchDims || axis >= data.Rank || indexRank < 0 || indices.ElementType is not (ElementType.I32 or ElementType.I64))
        {
            throw new LoweringUnsupportedException(node, $"gather of {data} by {indices} along axis {axisValue} with batch_dims {batchDims} is not lowered");
        }

        var position = lowerer.Builder.Bind("position", lowerer.ValueAt(node.Operands[1], [.. index.Take(batchDims), .. index.Skip(axis).Take(indexRank)]));
        var extent = data.Shape[axis];
        var register = position.Type;
        var wrapped = new Select(Lt(position, Imm(0, register)), Add(position, Imm(extent, register)), position);
        Expr clamped = Clamp(wrapped, Imm(0, register), Imm(extent - 1, register));
        var source = lowerer.Builder.Bind("source", register == ElementType.I32 ? clamped : CastTo(ElementType.I32, clamped));
        return lowerer.ValueAt(node.Operands[0], [.. index.Take(axis), source, .. index.Skip(axis + indexRank)]);
    }

    public static Expr Pad(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var input = lowerer.TypeOf(node.Operands[0]);
        var pads = node.GetInts("pads");
        var mode = node.GetString("mode");
        var source = ImmutableArray.CreateBuilder<Expr>(input.Rank);
        Expr? inside = null;
        for (var d = 0; d < input.Rank; d++)
        {
            var (begin, end, extent) = ((int)pads[d], (int)pads[d + input.Rank], input.Shape[d]);
            var shifted = IndexMath.Plus(index[d], -begin);
            if (begin <= 0 && end <= 0)
            {
                source.Add(shifted);
                continue;
            }

            source.Add(mode == "reflect" && extent > 1 ? Reflect(shifted, extent) : Clamp(shifted, I32(0), I32(extent - 1)));
            Expr condition = And(Ge(shifted, I32(0)), Lt(shifted, I32(extent)));
            inside = inside is null ? condition : And(inside, condition);
        }

        var value = lowerer.ValueAt(node.Operands[0], source.MoveToImmutable());
        if (mode != "constant" || inside is null)
        {
            return value;
        }

        var fill = node.GetFloat("constant_value");
        var register = Registers.Of(node.Result.Type.ElementType);
        return new Select(inside, value, register == ElementType.F32 ? F32((float)fill) : Imm(Wrap(node.Result.Type.ElementType, fill), register));
    }

    /// <summary>The interpreter's storage of an integer fill value: truncated, then wrapped to the type.</summary>
    private static long Wrap(ElementType type, double value)
    {
        var truncated = double.IsNaN(value) ? 0 : (long)value;
        return type switch
        {
            ElementType.I8 => unchecked((sbyte)truncated),
            ElementType.U8 => unchecked((byte)truncated),
            ElementType.I16 => unchecked((short)truncated),
            ElementType.I32 => unchecked((int)truncated),
            ElementType.Bool => truncated != 0 ? 1 : 0,
            _ => truncated,
        };
    }

    /// <summary>Reflection without repeating the edge: i mod 2(n − 1), folded back; clamped so the verifier sees it in bounds.</summary>
    private static Expr Reflect(Expr i, int extent)
    {
        var period = 2 * (extent - 1);
        var wrapped = Rem(Add(Rem(i, I32(period)), I32(period)), I32(period));
        return Clamp(new Select(Ge(wrapped, I32(extent)), Sub(I32(period), wrapped), wrapped), I32(0), I32(extent - 1));
    }
}
