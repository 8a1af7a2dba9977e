using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The input coordinates a window (conv, depthwise, pooling) reads: tap = o·stride − pad_begin +
/// k·dilation per spatial dimension. Padding is never materialised: a dimension whose taps can
/// leave the input gets a guard (<see cref="Inside"/>, for an <c>if</c> around the accumulation)
/// and a clamped index (so the verifier proves the load in bounds without using the guard);
/// dimensions whose taps always hit the input get neither.
/// </summary>
internal sealed class WindowTaps
{
    private WindowTaps(ImmutableArray<Expr> taps, ImmutableArray<Expr> clamped, Expr? inside, Expr? insideEndPadding)
    {
        Taps = taps;
        Clamped = clamped;
        Inside = inside;
        InsideEndPadding = insideEndPadding;
    }

    /// <summary>The raw tap coordinate per spatial dimension.</summary>
    public ImmutableArray<Expr> Taps { get; }

    /// <summary>The tap coordinates clamped into the input where they can leave it.</summary>
    public ImmutableArray<Expr> Clamped { get; }

    /// <summary>Every tap inside the input; null when that always holds.</summary>
    public Expr? Inside { get; }

    /// <summary>Every tap before input + pad_end (the taps count_include_pad counts); null when that always holds.</summary>
    public Expr? InsideEndPadding { get; }

    public static SpatialWindow Window(Node node, int spatialRank) =>
        SpatialWindow.FromNode(node, spatialRank, message => throw new LoweringUnsupportedException(node, message))!;

    /// <param name="output">Output coordinates per spatial dimension.</param>
    /// <param name="kernel">Kernel tap variables per spatial dimension.</param>
    public static WindowTaps Create(
        SpatialWindow window, ImmutableArray<int> inputExtents, ImmutableArray<int> outputExtents, ImmutableArray<int> kernelExtents,
        ImmutableArray<Expr> output, ImmutableArray<Expr> kernel)
    {
        var taps = ImmutableArray.CreateBuilder<Expr>();
        var clamped = ImmutableArray.CreateBuilder<Expr>();
        Expr? inside = null;
        Expr? insideEnd = null;
        for (var d = 0; d < inputExtents.Length; d++)
        {
            var (stride, dilation, begin, end) = (window.Strides[d], window.Dilations[d], window.PadsBegin[d], window.PadsEnd[d]);
            var tap = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(output[d], stride), -begin), IndexMath.Times(kernel[d], dilation));
            taps.Add(tap);
            var lowest = -begin;
            var highest = ((outputExtents[d] - 1) * stride) - begin + ((kernelExtents[d] - 1) * dilation);
            var extent = inputExtents[d];
            if (lowest >= 0 && highest < extent)
            {
                clamped.Add(tap);
                continue;
            }

            clamped.Add(Clamp(tap, I32(0), I32(extent - 1)));
            Expr condition = lowest >= 0 ? Lt(tap, I32(extent)) : highest < extent ? Ge(tap, I32(0)) : And(Ge(tap, I32(0)), Lt(tap, I32(extent)));
            inside = inside is null ? condition : And(inside, condition);
            if (highest >= extent + end)
            {
                Expr beforeEnd = Lt(tap, I32(extent + end));
                insideEnd = insideEnd is null ? beforeEnd : And(insideEnd, beforeEnd);
            }
        }

        return new WindowTaps(taps.ToImmutable(), clamped.ToImmutable(), inside, insideEnd);
    }
}
