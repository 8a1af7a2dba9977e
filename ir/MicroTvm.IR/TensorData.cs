using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MicroTvm.IR;

/// <summary>
/// Constant tensor contents: little-endian, row-major bytes of <see cref="Type"/>. The bytes may
/// be a window into a model file's buffer; nothing copies them until a pass produces new data.
/// </summary>
public sealed class TensorData : IEquatable<TensorData>
{
    public TensorData(TensorType type, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (bytes.Length != type.ByteSize)
        {
            throw new ArgumentException(
                $"{type} needs {type.ByteSize} bytes but {bytes.Length} were given", nameof(bytes));
        }

        Type = type;
        Bytes = bytes;
    }

    public TensorType Type { get; }

    public ReadOnlyMemory<byte> Bytes { get; }

    public static TensorData FromSingles(TensorType type, ReadOnlySpan<float> values)
    {
        RequireElementType(type, ElementType.F32);
        return new TensorData(type, MemoryMarshal.AsBytes(values).ToArray());
    }

    public static TensorData FromInt64s(TensorType type, ReadOnlySpan<long> values)
    {
        var bytes = new byte[type.ByteSize];
        var size = type.ElementType.ByteSize();
        if (values.Length != type.ElementCount)
        {
            throw new ArgumentException($"{type} needs {type.ElementCount} values but {values.Length} were given");
        }

        for (var i = 0; i < values.Length; i++)
        {
            WriteInteger(bytes.AsSpan(i * size, size), type.ElementType, values[i]);
        }

        return new TensorData(type, bytes);
    }

    /// <summary>Element <paramref name="index"/> (row-major) widened to long; integer and bool types only.</summary>
    public long GetInt64(long index)
    {
        var size = Type.ElementType.ByteSize();
        var span = Bytes.Span.Slice(checked((int)(index * size)), size);
        return Type.ElementType switch
        {
            ElementType.I8 => (sbyte)span[0],
            ElementType.U8 => span[0],
            ElementType.Bool => span[0] != 0 ? 1 : 0,
            ElementType.I16 => BinaryPrimitives.ReadInt16LittleEndian(span),
            ElementType.I32 => BinaryPrimitives.ReadInt32LittleEndian(span),
            ElementType.I64 => BinaryPrimitives.ReadInt64LittleEndian(span),
            _ => throw new InvalidOperationException($"{Type.ElementType.Mnemonic()} is not an integer type"),
        };
    }

    public float GetSingle(long index)
    {
        RequireElementType(Type, ElementType.F32);
        return BinaryPrimitives.ReadSingleLittleEndian(Bytes.Span.Slice(checked((int)(index * 4)), 4));
    }

    public float[] ToSingles()
    {
        RequireElementType(Type, ElementType.F32);
        var values = new float[Type.ElementCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GetSingle(i);
        }

        return values;
    }

    public long[] ToInt64s()
    {
        var values = new long[Type.ElementCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GetInt64(i);
        }

        return values;
    }

    public bool Equals(TensorData? other) =>
        other is not null && Type.Equals(other.Type) && Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override bool Equals(object? obj) => Equals(obj as TensorData);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(Bytes.Span);
        return hash.ToHashCode();
    }

    private static void WriteInteger(Span<byte> destination, ElementType type, long value)
    {
        switch (type)
        {
            case ElementType.I8:
            case ElementType.U8:
            case ElementType.Bool:
                destination[0] = unchecked((byte)value);
                break;
            case ElementType.I16:
                BinaryPrimitives.WriteInt16LittleEndian(destination, unchecked((short)value));
                break;
            case ElementType.I32:
                BinaryPrimitives.WriteInt32LittleEndian(destination, unchecked((int)value));
                break;
            case ElementType.I64:
                BinaryPrimitives.WriteInt64LittleEndian(destination, value);
                break;
            default:
                throw new ArgumentException($"{type.Mnemonic()} is not an integer type", nameof(type));
        }
    }

    private static void RequireElementType(TensorType type, ElementType expected)
    {
        if (type.ElementType != expected)
        {
            throw new InvalidOperationException($"expected {expected.Mnemonic()} data but the type is {type}");
        }
    }
}
