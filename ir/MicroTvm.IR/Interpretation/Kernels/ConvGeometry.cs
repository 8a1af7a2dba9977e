namespace MicroTvm.IR.Interpretation;

/// <summary>
/// The loop bounds of a windowed op over NHWC-style tensors, with 1 or 2 spatial dimensions
/// padded to 3 (extent 1, stride 1, no padding) so that one loop nest serves every rank.
/// </summary>
internal sealed class ConvGeometry
{
    public const int Dims = 3;

    private ConvGeometry(int batch, int inChannels, int outChannels, int[] input, int[] output, int[] kernel, SpatialWindow window)
    {
        Batch = batch;
        InChannels = inChannels;
        OutChannels = outChannels;
        Input = input;
        Output = output;
        Kernel = kernel;
        var lead = Dims - window.SpatialRank;
        Strides = Pad(window.Strides, lead, 1);
        Dilations = Pad(window.Dilations, lead, 1);
        PadsBegin = Pad(window.PadsBegin, lead, 0);
        PadsEnd = Pad(window.PadsEnd, lead, 0);
    }

    public int Batch { get; }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int[] Input { get; }

    public int[] Output { get; }

    public int[] Kernel { get; }

    public int[] Strides { get; }

    public int[] Dilations { get; }

    public int[] PadsBegin { get; }

    public int[] PadsEnd { get; }

    public int OutputCount => Batch * Output[0] * Output[1] * Output[2] * OutChannels;

    /// <summary>Geometry from the input and output types and the kernel's spatial extents.</summary>
    public static ConvGeometry Create(KernelContext context, TensorType input, TensorType output, IReadOnlyList<int> kernel, SpatialWindow? window = null)
    {
        if (input.Rank is < 3 or > 5 || output.Rank != input.Rank || kernel.Count != input.Rank - 2)
        {
            throw new InterpreterFailure($"windowed op needs input and output of rank 3 to 5, got {input} and {output}");
        }

        var spatial = input.Rank - 2;
        var lead = Dims - spatial;
        return new ConvGeometry(
            input.Shape[0],
            input.Shape[^1],
            output.Shape[^1],
            Pad(input.Shape.Skip(1).Take(spatial), lead, 1),
            Pad(output.Shape.Skip(1).Take(spatial), lead, 1),
            Pad(kernel, lead, 1),
            window ?? context.Window(spatial));
    }

    /// <summary>Unit strides and dilations, no padding: the window of a global pool.</summary>
    public static SpatialWindow Plain(int spatialRank)
    {
        var ones = Enumerable.Repeat(1, spatialRank).ToImmutableArray();
        var zeros = Enumerable.Repeat(0, spatialRank).ToImmutableArray();
        return new SpatialWindow(ones, ones, zeros, zeros);
    }

    public int InputIndex(int n, int z, int y, int x, int c) =>
        ((((((n * Input[0]) + z) * Input[1]) + y) * Input[2]) + x) * InChannels + c;

    public int OutputIndex(int n, int z, int y, int x, int c) =>
        ((((((n * Output[0]) + z) * Output[1]) + y) * Output[2]) + x) * OutChannels + c;

    /// <summary>The input coordinate a window tap reads along dimension <paramref name="d"/>.</summary>
    public int Tap(int d, int output, int kernel) => (output * Strides[d]) - PadsBegin[d] + (kernel * Dilations[d]);

    public bool Inside(int d, int coordinate) => coordinate >= 0 && coordinate < Input[d];

    private static int[] Pad(IEnumerable<int> values, int lead, int fill) =>
        [.. Enumerable.Repeat(fill, lead), .. values];
}
