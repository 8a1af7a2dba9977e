using System.Numerics;

namespace MicroTvm.IR.Memory;

/// <summary>
/// A named region of memory the application provides at run time (a workspace pool): the
/// planned buffers live at offsets inside it. <see cref="Alignment"/> is what the plan assumes of
/// the pool's base address, so every offset aligned to a divisor of it gives an aligned buffer.
/// </summary>
public sealed record MemoryPool
{
    public MemoryPool(string name, long bytes, int alignment)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (alignment < 1 || !BitOperations.IsPow2(alignment))
        {
            throw new ArgumentException($"alignment {alignment} of pool '{name}' must be a power of two", nameof(alignment));
        }

        Name = name;
        Bytes = bytes;
        Alignment = alignment;
    }

    public string Name { get; }

    public long Bytes { get; }

    public int Alignment { get; }
}
