using System.Buffers.Binary;
using System.Text;
using MicroTvm.IR;

namespace MicroTvm.Backends.C;

/// <summary>
/// Renders little-endian element bytes as a C brace initializer, a fixed number of values per
/// line, for the constant arrays (weights, biases, multipliers) the code generator places in flash.
/// </summary>
public static class CArrayInitializer
{
    /// <summary>
    /// <c>{\n    1, -2, 3,\n}</c>: <paramref name="bytes"/> holds whole elements of
    /// <paramref name="type"/>; lines are indented by <paramref name="indent"/> + 4 spaces.
    /// </summary>
    public static string Render(ElementType type, ReadOnlySpan<byte> bytes, int indent = 0)
    {
        var size = type.ByteSize();
        if (bytes.Length == 0 || bytes.Length % size != 0)
        {
            throw new ArgumentException($"{bytes.Length} bytes are not a non-empty whole number of {type.Mnemonic()} elements", nameof(bytes));
        }

        var perLine = size <= 2 ? 16 : 8;
        var pad = new string(' ', indent + 4);
        var text = new StringBuilder("{\n");
        var count = bytes.Length / size;
        for (var i = 0; i < count; i++)
        {
            text.Append(i % perLine == 0 ? pad : " ").Append(Element(type, bytes.Slice(i * size, size))).Append(',');
            if (i % perLine == perLine - 1 || i == count - 1)
            {
                text.Append('\n');
            }
        }

        return text.Append(' ', indent).Append('}').ToString();
    }

    private static string Element(ElementType type, ReadOnlySpan<byte> bytes) => type switch
    {
        ElementType.F32 => CLiterals.Float(BinaryPrimitives.ReadSingleLittleEndian(bytes)),
        ElementType.I8 => CLiterals.Integer((sbyte)bytes[0], type, typed: false),
        ElementType.I16 => CLiterals.Integer(BinaryPrimitives.ReadInt16LittleEndian(bytes), type, typed: false),
        ElementType.I32 => CLiterals.Integer(BinaryPrimitives.ReadInt32LittleEndian(bytes), type, typed: false),
        ElementType.I64 => CLiterals.Integer(BinaryPrimitives.ReadInt64LittleEndian(bytes), type, typed: false),
        _ => CLiterals.Integer(bytes[0], type, typed: false),
    };
}
