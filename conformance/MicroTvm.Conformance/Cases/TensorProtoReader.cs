using Google.Protobuf;

namespace MicroTvm.Conformance.Cases;

/// <summary>
/// Reads an ONNX <c>TensorProto</c> test-data file (<c>input_N.pb</c>, <c>output_N.pb</c>): name,
/// dims, data type and the values from raw_data or the typed fields. The frontend's reader is
/// internal to it, so this is the suite's own, for the element types the IR holds; anything else
/// is refused by name.
/// </summary>
internal static class TensorProtoReader
{
    public static (string Name, TensorData Data) Read(string path)
    {
        var input = new CodedInputStream(File.ReadAllBytes(path));
        var name = string.Empty;
        var dims = new List<long>();
        var dataType = 0;
        ByteString? raw = null;
        var floats = new List<float>();
        var int32s = new List<long>();
        var int64s = new List<long>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag))
            {
                case (1, WireFormat.WireType.LengthDelimited): Packed(input, () => dims.Add(input.ReadInt64())); break;
                case (1, _): dims.Add(input.ReadInt64()); break;
                case (2, _): dataType = input.ReadInt32(); break;
                case (4, WireFormat.WireType.LengthDelimited): Packed(input, () => floats.Add(input.ReadFloat())); break;
                case (4, _): floats.Add(input.ReadFloat()); break;
                case (5, WireFormat.WireType.LengthDelimited): Packed(input, () => int32s.Add(input.ReadInt32())); break;
                case (5, _): int32s.Add(input.ReadInt32()); break;
                case (7, WireFormat.WireType.LengthDelimited): Packed(input, () => int64s.Add(input.ReadInt64())); break;
                case (7, _): int64s.Add(input.ReadInt64()); break;
                case (8, _): name = input.ReadString(); break;
                case (9, _): raw = input.ReadBytes(); break;
                default: input.SkipLastField(); break;
            }
        }

        var elementType = dataType switch
        {
            1 => ElementType.F32,
            2 => ElementType.U8,
            3 => ElementType.I8,
            5 => ElementType.I16,
            6 => ElementType.I32,
            7 => ElementType.I64,
            9 => ElementType.Bool,
            _ => throw new NotSupportedException($"{Path.GetFileName(path)} holds ONNX data type {dataType}, which the IR has no element type for"),
        };
        var type = new TensorType(elementType, [.. dims.Select(d => checked((int)d))]);
        if (raw is not null)
        {
            return (name, new TensorData(type, raw.ToByteArray()));
        }

        return (name, elementType switch
        {
            ElementType.F32 => TensorData.FromSingles(type, [.. floats]),
            ElementType.I64 => TensorData.FromInt64s(type, [.. int64s]),
            _ => TensorData.FromInt64s(type, [.. int32s]),
        });
    }

    private static void Packed(CodedInputStream input, Action readOne)
    {
        var length = input.ReadLength();
        var end = input.Position + length;
        while (input.Position < end)
        {
            readOne();
        }
    }
}
