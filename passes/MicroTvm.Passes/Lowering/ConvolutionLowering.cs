using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// conv (OHWI filter, groups) and depthwise_conv ([1, kernel…, C·multiplier]) at one output
/// element [n, o…, oc]: an accumulator local starting at the bias, loops over the kernel taps
/// (and the group's input channels) adding (x − zx)·(w − zw), then <see cref="AccumulatorEpilogue"/>.
/// Loop order and arithmetic follow the reference interpreter's ConvolutionKernels.
/// </summary>
internal static class ConvolutionLowering
{
    public static Expr Conv(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var (input, filter, output) = (lowerer.TypeOf(node.Operands[0]), lowerer.TypeOf(node.Operands[1]), node.Result.Type);
        var groups = (int)node.GetInt("groups");
        var (inChannels, outChannels) = (input.Shape[^1], output.Shape[^1]);
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new LoweringUnsupportedException(node, $"groups {groups} must divide the channels {inChannels} and {outChannels}");
        }

        var (groupIn, groupOut) = (inChannels / groups, outChannels / groups);
        var oc = index[^1];
        var firstIn = groups == 1 ? I32(0) : IndexMath.Times(IndexMath.Quotient(oc, groupOut), groupIn);
        return Accumulate(lowerer, node, index, (taps, kernel, accumulate) =>
            lowerer.Builder.Loop("ic", groupIn, ic =>
            {
                var x = lowerer.Shifted(node.Operands[0], [index[0], .. taps, IndexMath.Plus(firstIn, ic)]);
                var w = lowerer.Shifted(node.Operands[1], [oc, .. kernel, ic]);
                accumulate(x, w);
            }), legacyScale: input.ElementType == ElementType.U8);
    }

    public static Expr DepthwiseConv(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index)
    {
        var (input, output) = (lowerer.TypeOf(node.Operands[0]), node.Result.Type);
        var multiplier = (int)node.GetInt("depth_multiplier");
        if (multiplier <= 0 || output.Shape[^1] != input.Shape[^1] * multiplier)
        {
            throw new LoweringUnsupportedException(node, $"depthwise output has {output.Shape[^1]} channels, expected {input.Shape[^1]} × {multiplier}");
        }

        var oc = index[^1];
        return Accumulate(lowerer, node, index, (taps, kernel, accumulate) =>
        {
            var x = lowerer.Shifted(node.Operands[0], [index[0], .. taps, IndexMath.Quotient(oc, multiplier)]);
            var w = lowerer.Shifted(node.Operands[1], [I32(0), .. kernel, oc]);
            accumulate(x, w);
        }, legacyScale: input.ElementType == ElementType.U8);
    }

    public static long Macs(Node node, TensorType input, TensorType filter) =>
        node.Result.Type.ElementCount * filter.Shape.Skip(1).Take(filter.Rank - 2).Aggregate(1L, (a, b) => a * b)
        * (ReferenceEquals(node.Op, Ops.Conv) ? input.Shape[^1] / Math.Max(1, node.GetInt("groups")) : 1);

    /// <summary>
    /// The shared loop nest: accumulator, kernel-tap loops with the padding guard, the inner body
    /// (given the clamped input taps, the kernel variables and an accumulate action), the epilogue.
    /// </summary>
    private static Expr Accumulate(
        GroupLowerer lowerer, Node node, ImmutableArray<Expr> index,
        Action<ImmutableArray<Expr>, ImmutableArray<Expr>, Action<Expr, Expr>> body, bool legacyScale)
    {
        var (input, filter, output) = (lowerer.TypeOf(node.Operands[0]), lowerer.TypeOf(node.Operands[1]), node.Result.Type);
        if (input.Rank is < 3 or > 5 || output.Rank != input.Rank || filter.Rank != input.Rank)
        {
            throw new LoweringUnsupportedException(node, $"needs input, filter and output of one rank from 3 to 5, got {input}, {filter} and {output}");
        }

        var spatial = input.Rank - 2;
        var window = WindowTaps.Window(node, spatial);
        var kernelExtents = filter.Shape.Skip(1).Take(spatial).ToImmutableArray();
        var accumulatorType = AccumulatorEpilogue.AccumulatorType(input);
        var builder = lowerer.Builder;
        var oc = index[^1];
        var accumulator = builder.Local("acc", AccumulatorEpilogue.Initial(lowerer, node, oc, accumulatorType));
        KernelLoops(builder, kernelExtents, 0, [], kernel =>
        {
            var taps = WindowTaps.Create(
                window, input.Shape.Skip(1).Take(spatial).ToImmutableArray(), output.Shape.Skip(1).Take(spatial).ToImmutableArray(),
                kernelExtents, index.Skip(1).Take(spatial).ToImmutableArray(), kernel);
            builder.When(taps.Inside, () => body(taps.Clamped, kernel, (x, w) =>
                builder.Emit(new Assign(accumulator, Add(accumulator, AccumulatorEpilogue.Product(x, w, accumulatorType))))));
        });
        return AccumulatorEpilogue.Finish(lowerer, node, accumulator, oc, legacyScale);
    }

    public static void KernelLoops(KernelBuilder builder, ImmutableArray<int> extents, int d, ImmutableArray<Expr> kernel, Action<ImmutableArray<Expr>> body)
    {
        if (d == extents.Length)
        {
            body(kernel);
            return;
        }

        builder.Loop("k" + d, extents[d], k => KernelLoops(builder, extents, d + 1, kernel.Add(k), body));
    }
}
