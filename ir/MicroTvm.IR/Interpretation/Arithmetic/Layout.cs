namespace MicroTvm.IR.Interpretation;

/// <summary>Row-major index arithmetic shared by the kernels.</summary>
internal static class Layout
{
    public static int Count(ImmutableArray<int> shape)
    {
        var count = 1;
        foreach (var extent in shape)
        {
            count *= extent;
        }

        return count;
    }

    /// <summary>For every element of <paramref name="output"/>, the index of the element of <paramref name="input"/> that NumPy broadcasting reads.</summary>
    public static int[] BroadcastMap(ImmutableArray<int> output, ImmutableArray<int> input)
    {
        var rank = output.Length;
        var offset = rank - input.Length;
        var inputStrides = new int[rank];
        var stride = 1;
        for (var d = input.Length - 1; d >= 0; d--)
        {
            inputStrides[d + offset] = input[d] == 1 ? 0 : stride;
            stride *= input[d];
        }

        var map = new int[Count(output)];
        var index = new int[rank];
        for (var i = 0; i < map.Length; i++)
        {
            var source = 0;
            for (var d = 0; d < rank; d++)
            {
                source += index[d] * inputStrides[d];
            }

            map[i] = source;
            Increment(index, output);
        }

        return map;
    }

    /// <summary>Advances a multi-index in row-major order.</summary>
    public static void Increment(int[] index, ImmutableArray<int> shape)
    {
        for (var d = index.Length - 1; d >= 0; d--)
        {
            if (++index[d] < shape[d])
            {
                return;
            }

            index[d] = 0;
        }
    }

    public static int NormalizeAxis(long axis, int rank)
    {
        var normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw new InterpreterFailure($"axis {axis} is out of range for rank {rank}");
        }

        return (int)normalized;
    }
}
