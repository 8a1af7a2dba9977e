using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// A conv (groups = 1), depthwise_conv or fully_connected as one 2-D NHWC problem for
/// <see cref="ScheduledConvolution"/>: batch × output rows × columns × channels, each output a sum
/// over kernel taps (and input channels) of input × weight. A fully-connected layer is a 1×1
/// problem with one pixel per row; a depthwise convolution of one input channel is a dense one
/// (every output channel reads that channel); other depthwise convolutions are
/// <see cref="Channelwise"/>: output channel c reads input channel c / <see cref="Multiplier"/>.
/// </summary>
/// <param name="Weight">The weight at (output channel, kh, kw, input channel).</param>
/// <param name="WeightIndex">The weight operand's own index of (output channel, kh, kw, input channel).</param>
internal sealed record ConvolutionProblem(
    int Batch, int InH, int InW, int InC, int OutH, int OutW, int OutC,
    int KH, int KW, int StrideH, int StrideW, int DilationH, int DilationW, int PadTop, int PadLeft,
    bool Channelwise, int Multiplier,
    Func<int, int, int, int, long> Weight,
    Func<Expr, Expr, Expr, Expr, ImmutableArray<Expr>> WeightIndex)
{
    /// <summary>Input channels each output channel sums over (1 for channelwise).</summary>
    public int ReducedChannels => Channelwise ? 1 : InC;

    /// <summary>Products summed into one output.</summary>
    public int ReductionLength => KH * KW * ReducedChannels;

    /// <summary>The problem of <paramref name="node"/> with weights <paramref name="w"/>, or null when it is not one of the shapes above.</summary>
    public static ConvolutionProblem? Of(Node node, TensorType input, TensorType filter, TensorType output, long[] w)
    {
        if (ReferenceEquals(node.Op, Ops.FullyConnected))
        {
            if (filter.Rank != 2 || output.Rank == 0 || filter.Shape[1] == 0 || input.ElementCount % filter.Shape[1] != 0)
            {
                return null;
            }

            var (units, depth) = (filter.Shape[0], filter.Shape[1]);
            var rows = (int)(input.ElementCount / depth);
            return output.ElementCount != (long)rows * units || output.Shape[^1] != units
                ? null
                : new ConvolutionProblem(rows, 1, 1, depth, 1, 1, units, 1, 1, 1, 1, 1, 1, 0, 0, false, 1,
                    (oc, _, _, ic) => w[(oc * depth) + ic], (oc, _, _, ic) => [oc, ic]);
        }

        if (input.Rank != 4 || output.Rank != 4 || filter.Rank != 4)
        {
            return null;
        }

        var window = WindowTaps.Window(node, 2);
        var (kh, kw) = (filter.Shape[1], filter.Shape[2]);
        var (inC, outC) = (input.Shape[3], output.Shape[3]);
        ConvolutionProblem Make(bool channelwise, int multiplier, Func<int, int, int, int, long> weight, Func<Expr, Expr, Expr, Expr, ImmutableArray<Expr>> index) =>
            new(input.Shape[0], input.Shape[1], input.Shape[2], inC, output.Shape[1], output.Shape[2], outC, kh, kw,
                window.Strides[0], window.Strides[1], window.Dilations[0], window.Dilations[1], window.PadsBegin[0], window.PadsBegin[1],
                channelwise, multiplier, weight, index);
        if (ReferenceEquals(node.Op, Ops.Conv))
        {
            return node.GetInt("groups") != 1 || filter.Shape[0] != outC || filter.Shape[3] != inC
                ? null
                : Make(false, 1, (oc, y, x, ic) => w[(((((oc * kh) + y) * kw) + x) * inC) + ic], (oc, y, x, ic) => [oc, y, x, ic]);
        }

        if (!ReferenceEquals(node.Op, Ops.DepthwiseConv) || filter.Shape[0] != 1 || filter.Shape[3] != outC)
        {
            return null;
        }

        var multiplier = (int)node.GetInt("depth_multiplier");
        if (multiplier <= 0 || outC != inC * multiplier)
        {
            return null;
        }

        long Depthwise(int oc, int y, int x) => w[(((y * kw) + x) * outC) + oc];
        return Make(inC != 1, multiplier, (oc, y, x, _) => Depthwise(oc, y, x), (oc, y, x, _) => [I32(0), y, x, oc]);
    }
}
