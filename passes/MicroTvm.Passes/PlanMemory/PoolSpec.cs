using System.Globalization;
using System.Numerics;

namespace MicroTvm.Passes;

/// <summary>
/// One pool plan-memory may use: its name, capacity (0: as large as the plan needs) and base
/// alignment, written <c>name</c>, <c>name=SIZE</c> or <c>name=SIZE@ALIGNMENT</c> (e.g.
/// <c>dtcm=64K@32</c>) in the <c>pools</c> option and mtvm-opt's <c>--pool</c>.
/// </summary>
public sealed record PoolSpec(string Name, long Capacity, int Alignment)
{
    public static bool TryParse(string text, int defaultAlignment, out PoolSpec spec, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = new PoolSpec(text, 0, defaultAlignment);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? text : text[..equals];
        if (name.Length == 0)
        {
            problem = $"pool '{text}' has no name (expected name=SIZE[@ALIGNMENT])";
            return false;
        }

        var (capacity, alignment) = (0L, defaultAlignment);
        if (equals >= 0)
        {
            var rest = text[(equals + 1)..];
            var at = rest.IndexOf('@', StringComparison.Ordinal);
            var sizeText = at < 0 ? rest : rest[..at];
            if (!ByteSize.TryParse(sizeText, out var size) || size.Bytes < 0)
            {
                problem = $"pool '{text}': '{sizeText}' is not a byte size such as 256K";
                return false;
            }

            capacity = size.Bytes;
            if (at >= 0 && (!int.TryParse(rest[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out alignment) || alignment < 1 || !BitOperations.IsPow2(alignment)))
            {
                problem = $"pool '{text}': alignment '{rest[(at + 1)..]}' is not a power of two";
                return false;
            }
        }

        spec = new PoolSpec(name, capacity, alignment);
        problem = string.Empty;
        return true;
    }
}
