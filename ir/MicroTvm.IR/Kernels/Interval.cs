using System.Globalization;

namespace MicroTvm.IR.Kernels;

/// <summary>A closed range of integers [Min, Max], Min ≤ Max.</summary>
public readonly record struct Interval
{
    public Interval(long min, long max)
    {
        if (min > max)
        {
            throw new ArgumentException($"empty interval [{min}, {max}]");
        }

        Min = min;
        Max = max;
    }

    public long Min { get; }

    public long Max { get; }

    public static Interval Point(long value) => new(value, value);

    /// <summary>Every value of an integer or bool type.</summary>
    public static Interval Of(ElementType type) => new(type.MinValue(), type.MaxValue());

    /// <summary>The smallest interval holding all the (possibly wider than long) bounds, clipped to <paramref name="type"/>'s range.</summary>
    public static Interval Hull(ElementType type, params ReadOnlySpan<Int128> bounds)
    {
        var min = bounds[0];
        var max = bounds[0];
        foreach (var bound in bounds)
        {
            min = Int128.Min(min, bound);
            max = Int128.Max(max, bound);
        }

        return new Interval((long)Int128.Clamp(min, type.MinValue(), type.MaxValue()), (long)Int128.Clamp(max, type.MinValue(), type.MaxValue()));
    }

    public bool Contains(long value) => Min <= value && value <= Max;

    public bool IsWithin(Interval other) => other.Min <= Min && Max <= other.Max;

    public Interval Union(Interval other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    /// <summary>The intersection; both must overlap (sound bounds of one value always do).</summary>
    public Interval Intersect(Interval other) => new(Math.Max(Min, other.Min), Math.Min(Max, other.Max));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Min}, {Max}]");
}
