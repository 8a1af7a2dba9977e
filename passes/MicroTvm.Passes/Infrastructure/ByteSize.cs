using System.Globalization;

namespace MicroTvm.Passes;

/// <summary>An amount of memory, written in pipelines with a binary suffix: <c>512B</c>, <c>256K</c>, <c>1M</c>, <c>2G</c>.</summary>
public readonly record struct ByteSize(long Bytes)
{
    private static readonly (char Suffix, long Factor)[] Units = [('G', 1L << 30), ('M', 1L << 20), ('K', 1L << 10)];

    public static bool TryParse(string text, out ByteSize size)
    {
        size = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        var suffix = char.ToUpperInvariant(text[^1]);
        if (suffix == 'B')
        {
            size = new ByteSize(count);
            return true;
        }

        foreach (var (unit, factor) in Units)
        {
            if (unit == suffix)
            {
                size = new ByteSize(checked(count * factor));
                return true;
            }
        }

        return false;
    }

    /// <summary>The largest unit that divides the size exactly, so that parsing it back gives the same size.</summary>
    public override string ToString()
    {
        foreach (var (unit, factor) in Units)
        {
            if (Bytes != 0 && Bytes % factor == 0)
            {
                return (Bytes / factor).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return Bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
