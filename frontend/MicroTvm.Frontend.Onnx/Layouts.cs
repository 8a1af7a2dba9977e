namespace MicroTvm.Frontend.Onnx;

/// <summary>Permutations between ONNX's channels-first layouts and the IR's channels-last ones.</summary>
internal static class Layouts
{
    /// <summary>NCHW → NHWC: [0, 2, …, rank-1, 1].</summary>
    public static int[] ToChannelsLast(int rank) =>
        [0, .. Enumerable.Range(2, rank - 2), 1];

    /// <summary>NHWC → NCHW: [0, rank-1, 1, …, rank-2].</summary>
    public static int[] ToChannelsFirst(int rank) =>
        [0, rank - 1, .. Enumerable.Range(1, rank - 2)];

    /// <summary>ONNX conv filter OIHW → IR OHWI (the same permutation as activations).</summary>
    public static int[] ConvFilter(int rank) => ToChannelsLast(rank);

    /// <summary>
    /// ONNX depthwise filter [C·m, 1, H, W] → IR [1, H, W, C·m]; also ONNX ConvTranspose's
    /// [Cin, Cout, H, W] → IR [Cout, H, W, Cin].
    /// </summary>
    public static int[] MoveFirstToLast(int rank) =>
        [1, .. Enumerable.Range(2, rank - 2), 0];
}
