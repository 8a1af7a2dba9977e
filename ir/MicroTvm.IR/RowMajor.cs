namespace MicroTvm.IR;

/// <summary>Row-major (C order) addressing of a static shape: how tensors are laid out in memory everywhere.</summary>
public static class RowMajor
{
    /// <summary>The element stride of every dimension: the last is 1, each other the product of the extents after it.</summary>
    public static int[] Strides(ImmutableArray<int> shape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        return strides;
    }
}
