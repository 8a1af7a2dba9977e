namespace MicroTvm.IR.Interpretation;

/// <summary>Maps a row-major element index to the index along a per-axis quantization's axis (0 for per-tensor).</summary>
internal readonly struct ChannelIndexer(int stride, int extent)
{
    public int Channel(int index) => extent <= 1 ? 0 : index / stride % extent;

    public static ChannelIndexer For(TensorType type)
    {
        if (type.Quantization is not { Axis: { } axis } || type.Quantization.Scales.Length == 1)
        {
            return new ChannelIndexer(1, 1);
        }

        if (axis < 0 || axis >= type.Rank || type.Shape[axis] != type.Quantization.Scales.Length)
        {
            throw new InterpreterFailure($"per-axis quantization of {type} along axis {axis} needs one scale per index");
        }

        var stride = 1;
        for (var d = axis + 1; d < type.Rank; d++)
        {
            stride *= type.Shape[d];
        }

        return new ChannelIndexer(stride, type.Shape[axis]);
    }
}
