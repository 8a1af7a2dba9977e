using System.Numerics;

namespace MicroTvm.IR.Kernels;

/// <summary>
/// A buffer parameter of a kernel: a flat array of <see cref="Count"/> elements whose first byte
/// is aligned to <see cref="Alignment"/> bytes. Loads and stores address it by element index.
/// </summary>
public sealed record KernelBuffer
{
    public KernelBuffer(string name, ElementType elementType, int count, BufferRole role, int alignment = 0)
    {
        Name = KernelNames.Require(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var natural = elementType.ByteSize();
        alignment = alignment == 0 ? natural : alignment;
        if (!BitOperations.IsPow2(alignment) || alignment < natural)
        {
            throw new ArgumentException(
                $"alignment {alignment} of buffer '{name}' must be a power of two of at least {natural} (the {elementType.Mnemonic()} size)",
                nameof(alignment));
        }

        ElementType = elementType;
        Count = count;
        Role = role;
        Alignment = alignment;
    }

    public string Name { get; }

    public ElementType ElementType { get; }

    /// <summary>Number of elements (not bytes).</summary>
    public int Count { get; }

    public BufferRole Role { get; }

    /// <summary>Alignment of the first element in bytes, a power of two no smaller than the element size.</summary>
    public int Alignment { get; }

    public int ByteSize => Count * ElementType.ByteSize();

    /// <summary>Inputs and constants are read-only.</summary>
    public bool IsWritable => Role is BufferRole.Output or BufferRole.Workspace;
}
