namespace MicroTvm.IR;

/// <summary>Structural equality for ImmutableArray, whose own Equals compares references.</summary>
internal static class ImmutableArrayEquality
{
    public static bool SequenceEqual<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        if (left.IsDefault || right.IsDefault)
        {
            return left.IsDefault == right.IsDefault;
        }

        return left.AsSpan().SequenceEqual(right.AsSpan());
    }

    public static int Hash<T>(ImmutableArray<T> items)
    {
        var hash = new HashCode();
        if (!items.IsDefault)
        {
            foreach (var item in items)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }
}
