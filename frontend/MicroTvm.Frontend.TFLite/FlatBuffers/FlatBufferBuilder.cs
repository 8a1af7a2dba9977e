using System.Buffers.Binary;

namespace MicroTvm.Frontend.TFLite.FlatBuffers;

/// <summary>
/// Writes a FlatBuffer back to front, the format's natural order: children first, so every
/// uoffset points forward. Positions are kept as distances from the end of the buffer, which
/// stay valid while the buffer grows at its front. Tables get their vtable written just before
/// them (no vtable sharing: the output is deterministic and small enough).
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer = new byte[1024];
    private int _head = 1024;
    private int _minAlign = 1;
    private int[] _vtable = [];
    private int _objectStart;

    /// <summary>Bytes written so far: the position of the last write, counted from the end.</summary>
    public int Offset => _buffer.Length - _head;

    public int CreateString(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Prep(4, bytes.Length + 1);
        PutBytes([0]);
        PutBytes(bytes);
        PutInt32(bytes.Length);
        return Offset;
    }

    /// <summary>A vector of scalars given as their little-endian bytes.</summary>
    public int CreateVector(ReadOnlySpan<byte> elements, int count, int alignment = 4)
    {
        Prep(Math.Max(4, alignment), elements.Length);
        PutBytes(elements);
        PutInt32(count);
        return Offset;
    }

    public int CreateInt32Vector(ReadOnlySpan<int> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return CreateVector(bytes, values.Length);
    }

    public int CreateInt64Vector(ReadOnlySpan<long> values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return CreateVector(bytes, values.Length, 8);
    }

    public int CreateSingleVector(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return CreateVector(bytes, values.Length);
    }

    /// <summary>A vector of references to tables or strings created before.</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        Prep(4, 4 * offsets.Length);
        for (var i = offsets.Length - 1; i >= 0; i--)
        {
            PutInt32(Offset - offsets[i] + 4);
        }

        PutInt32(offsets.Length);
        return Offset;
    }

    public void StartTable(int fieldCount)
    {
        _vtable = new int[fieldCount];
        _objectStart = Offset;
    }

    public void AddByte(int field, byte value)
    {
        Prep(1, 0);
        PutBytes([value]);
        _vtable[field] = Offset;
    }

    public void AddInt32(int field, int value)
    {
        Prep(4, 0);
        PutInt32(value);
        _vtable[field] = Offset;
    }

    public void AddSingle(int field, float value)
    {
        Prep(4, 0);
        var bytes = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        PutBytes(bytes);
        _vtable[field] = Offset;
    }

    public void AddReference(int field, int target)
    {
        Prep(4, 0);
        PutInt32(Offset - target + 4);
        _vtable[field] = Offset;
    }

    public int EndTable()
    {
        Prep(4, 0);
        PutInt32(0);
        var table = Offset;
        var used = _vtable.Length;
        while (used > 0 && _vtable[used - 1] == 0)
        {
            used--;
        }

        for (var i = used - 1; i >= 0; i--)
        {
            PutInt16((short)(_vtable[i] == 0 ? 0 : table - _vtable[i]));
        }

        PutInt16((short)(table - _objectStart));
        PutInt16((short)((used + 2) * 2));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - table), Offset - table);
        return table;
    }

    /// <summary>Writes the root reference and the 4-character file identifier, and returns the finished bytes.</summary>
    public byte[] Finish(int root, string fileIdentifier)
    {
        Prep(_minAlign, 8);
        PutBytes(System.Text.Encoding.ASCII.GetBytes(fileIdentifier));
        PutInt32(Offset - root + 4);
        return _buffer[_head..];
    }

    /// <summary>Pads so that, after <paramref name="additional"/> more bytes, the next write of <paramref name="size"/> is aligned.</summary>
    private void Prep(int size, int additional)
    {
        _minAlign = Math.Max(_minAlign, size);
        var padding = -(Offset + additional) & (size - 1);
        Reserve(padding + size + additional);
        _head -= padding;
        _buffer.AsSpan(_head, padding).Clear();
    }

    private void Reserve(int bytes)
    {
        if (_head >= bytes)
        {
            return;
        }

        var used = Offset;
        var grown = new byte[Math.Max(_buffer.Length * 2, used + bytes + 1024)];
        _buffer.AsSpan(_head).CopyTo(grown.AsSpan(grown.Length - used));
        _buffer = grown;
        _head = grown.Length - used;
    }

    private void PutBytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        _head -= bytes.Length;
        bytes.CopyTo(_buffer.AsSpan(_head));
    }

    private void PutInt32(int value)
    {
        Reserve(4);
        _head -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_head), value);
    }

    private void PutInt16(short value)
    {
        Reserve(2);
        _head -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_head), value);
    }
}
