using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>Explicit pads for TFLite's SAME and VALID, computed as TFLite's kernels compute them.</summary>
internal static class Padding
{
    /// <summary>Pads of a forward window (conv, pooling): begins of every spatial dimension, then ends.
    /// SAME keeps ceil(in / stride) outputs and puts the odd element of padding at the end.</summary>
    public static long[] Forward(TflitePadding padding, ReadOnlySpan<int> input, ReadOnlySpan<int> kernel, ReadOnlySpan<int> strides, ReadOnlySpan<int> dilations)
    {
        var rank = input.Length;
        var pads = new long[2 * rank];
        if (padding != TflitePadding.Same)
        {
            return pads;
        }

        for (var d = 0; d < rank; d++)
        {
            var total = Total(input[d], kernel[d], strides[d], dilations[d]);
            pads[d] = total / 2;
            pads[d + rank] = total - (total / 2);
        }

        return pads;
    }

    /// <summary>
    /// Total padding of one dimension. For SAME: max((ceil(in/stride) − 1)·stride + effective kernel − in, 0).
    /// </summary>
    public static long Total(long input, long kernel, long stride, long dilation)
    {
        var effective = (dilation * (kernel - 1)) + 1;
        var output = (input + stride - 1) / stride;
        return Math.Max(((output - 1) * stride) + effective - input, 0);
    }
}
