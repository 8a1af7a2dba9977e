namespace MicroTvm.IR.Interpretation;

/// <summary>fully_connected (weights [N, K]), matmul (NumPy semantics) and batch_matmul (adjoints); quantized through <see cref="Requantization"/>.</summary>
internal static class LinearAlgebraKernels
{
    /// <summary>TFLite's per-tensor fully-connected multiplier uses the f32 product of the scales; the per-channel one does not.</summary>
    public static readonly Kernel FullyConnected = context =>
        Requantization.Finish(context, FullyConnectedSums(context), legacyScale: context.Operand(1).Type.Quantization?.Scales.Length == 1);

    public static readonly Kernel MatMul = context => Requantization.Finish(context, BatchedSums(context, false, false), legacyScale: false);

    public static readonly Kernel BatchMatMul = context =>
        Requantization.Finish(context, BatchedSums(context, context.Node.GetBool("adj_x"), context.Node.GetBool("adj_y")), legacyScale: false);

    private static double[] FullyConnectedSums(KernelContext context)
    {
        var (input, weights) = (Requantization.Shifted(context.Operand(0)), Requantization.Shifted(context.Operand(1)));
        var weightShape = context.Operand(1).Shape;
        if (weightShape.Length != 2 || weightShape[1] == 0 || input.Length % weightShape[1] != 0)
        {
            throw new InterpreterFailure($"weights {context.Operand(1).Type} do not match input {context.Operand(0).Type}");
        }

        var (units, depth) = (weightShape[0], weightShape[1]);
        var rows = input.Length / depth;
        var sums = new double[rows * units];
        for (var b = 0; b < rows; b++)
            for (var u = 0; u < units; u++)
            {
                var sum = 0.0;
                for (var k = 0; k < depth; k++)
                {
                    sum += input[(b * depth) + k] * weights[(u * depth) + k];
                }

                sums[(b * units) + u] = sum;
            }

        return sums;
    }

    private static double[] BatchedSums(KernelContext context, bool adjointLeft, bool adjointRight)
    {
        var (left, right) = (context.Operand(0), context.Operand(1));
        var (a, b) = (Requantization.Shifted(left), Requantization.Shifted(right));
        ImmutableArray<int> leftShape = left.Type.Rank == 1 ? [1, left.Shape[0]] : left.Shape;
        ImmutableArray<int> rightShape = right.Type.Rank == 1 ? [right.Shape[0], 1] : right.Shape;
        var (m, k) = adjointLeft ? (leftShape[^1], leftShape[^2]) : (leftShape[^2], leftShape[^1]);
        var (k2, n) = adjointRight ? (rightShape[^1], rightShape[^2]) : (rightShape[^2], rightShape[^1]);
        if (k != k2)
        {
            throw new InterpreterFailure($"inner dimensions differ: {left.Type} × {right.Type}");
        }

        var leftBatch = leftShape[..^2];
        var rightBatch = rightShape[..^2];
        var rank = Math.Max(leftBatch.Length, rightBatch.Length);
        var batchShape = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            var l = d < rank - leftBatch.Length ? 1 : leftBatch[d - (rank - leftBatch.Length)];
            var r = d < rank - rightBatch.Length ? 1 : rightBatch[d - (rank - rightBatch.Length)];
            batchShape[d] = l == 1 ? r : l;
        }

        ImmutableArray<int> batch = [.. batchShape];
        var leftMap = Layout.BroadcastMap(batch, leftBatch);
        var rightMap = Layout.BroadcastMap(batch, rightBatch);
        var sums = new double[leftMap.Length * m * n];
        for (var p = 0; p < leftMap.Length; p++)
        {
            var leftBase = leftMap[p] * m * k;
            var rightBase = rightMap[p] * k * n;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                {
                    var sum = 0.0;
                    for (var t = 0; t < k; t++)
                    {
                        var x = a[leftBase + (adjointLeft ? (t * m) + i : (i * k) + t)];
                        var y = b[rightBase + (adjointRight ? (j * k) + t : (t * n) + j)];
                        sum += x * y;
                    }

                    sums[(((p * m) + i) * n) + j] = sum;
                }
        }

        return sums;
    }
}
