using System.Buffers.Binary;

namespace MicroTvm.Frontend.TFLite.FlatBuffers;

/// <summary>
/// A bounds-checked view of a FlatBuffer. Every position and length taken from the file is
/// checked against the file's length before use, and every element a caller iterates is charged
/// to a work budget proportional to that length: offsets may alias (a vector of a million
/// references to one large table), so without the budget a small file could cost quadratic time.
/// </summary>
internal sealed class FlatBuffer
{
    private long _budget;

    public FlatBuffer(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
        _budget = (4L * bytes.Length) + 4096;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public int Length => Bytes.Length;

    /// <summary>The root table, reached through the uoffset at position 0.</summary>
    public FlatTable Root() => TableAt(ReferenceAt(0, "root"), "root");

    public string FileIdentifier()
    {
        Require(4, 4, "file identifier");
        return System.Text.Encoding.ASCII.GetString(Bytes.Span.Slice(4, 4));
    }

    /// <summary>Charges <paramref name="elements"/> units of work; fails once the file's budget is spent.</summary>
    public void Charge(long elements)
    {
        _budget -= elements + 1;
        if (_budget < 0)
        {
            throw new FlatBufferException("the file references far more data than it holds (aliased or cyclic offsets)");
        }
    }

    public byte ReadByte(long position, string what)
    {
        Require(position, 1, what);
        return Bytes.Span[(int)position];
    }

    public short ReadInt16(long position, string what)
    {
        Require(position, 2, what);
        return BinaryPrimitives.ReadInt16LittleEndian(Bytes.Span.Slice((int)position, 2));
    }

    public int ReadInt32(long position, string what)
    {
        Require(position, 4, what);
        return BinaryPrimitives.ReadInt32LittleEndian(Bytes.Span.Slice((int)position, 4));
    }

    public uint ReadUInt32(long position, string what) => unchecked((uint)ReadInt32(position, what));

    public long ReadInt64(long position, string what)
    {
        Require(position, 8, what);
        return BinaryPrimitives.ReadInt64LittleEndian(Bytes.Span.Slice((int)position, 8));
    }

    public float ReadSingle(long position, string what)
    {
        Require(position, 4, what);
        return BinaryPrimitives.ReadSingleLittleEndian(Bytes.Span.Slice((int)position, 4));
    }

    /// <summary>Follows the uoffset stored at <paramref name="position"/>; uoffsets are unsigned, so targets lie after their source.</summary>
    public long ReferenceAt(long position, string what)
    {
        var target = position + ReadUInt32(position, what);
        Require(target, 4, what);
        return target;
    }

    public FlatTable TableAt(long position, string what)
    {
        Charge(1);
        var vtable = position - ReadInt32(position, what);
        var vtableSize = ReadInt16(vtable, $"{what} vtable");
        if (vtableSize < 4 || vtableSize % 2 != 0)
        {
            throw new FlatBufferException($"{what}: vtable at {vtable} has invalid size {vtableSize}");
        }

        Require(vtable, vtableSize, $"{what} vtable");
        var inlineSize = ReadInt16(vtable + 2, $"{what} vtable");
        if (inlineSize < 4)
        {
            throw new FlatBufferException($"{what}: table at {position} has invalid inline size {inlineSize}");
        }

        Require(position, inlineSize, what);
        return new FlatTable(this, position, vtable, vtableSize, inlineSize, what);
    }

    public FlatVector VectorAt(long position, int elementSize, string what)
    {
        var count = ReadUInt32(position, $"{what} length");
        var start = position + 4;
        if (count > (Length - start) / elementSize)
        {
            throw new FlatBufferException($"{what}: {count} elements of {elementSize} bytes at {start} run past the end of the file ({Length} bytes)");
        }

        return new FlatVector(this, start, (int)count, elementSize, what);
    }

    public string StringAt(long position, string what)
    {
        var vector = VectorAt(position, 1, what);
        Charge(vector.Count);
        return System.Text.Encoding.UTF8.GetString(vector.Bytes().Span);
    }

    public void Require(long position, long size, string what)
    {
        if (position < 0 || size < 0 || position > Length - size)
        {
            throw new FlatBufferException($"{what}: {size} bytes at offset {position} lie outside the file ({Length} bytes)");
        }
    }
}
