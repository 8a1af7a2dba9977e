using MicroTvm.Frontend.TFLite.FlatBuffers;
using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Model;

/// <summary>
/// Decodes the FlatBuffer tables of a .tflite file into <see cref="TfliteModel"/>. Throws
/// <see cref="FlatBufferException"/> for anything structurally wrong; meaning (types, ops,
/// shapes) is checked later by the importer, which can then report every problem at once.
/// </summary>
internal static class TfliteModelReader
{
    private const int MinimumFileLength = 12;

    public static TfliteModel Read(FlatBuffer buffer)
    {
        if (buffer.Length < MinimumFileLength)
        {
            throw new FlatBufferException($"the file has {buffer.Length} bytes, too few for a FlatBuffer header");
        }

        var root = buffer.Root();
        var codes = Tables(root, Fields.Model.OperatorCodes, "operator code", ReadOperatorCode);
        var subgraphs = Tables(root, Fields.Model.Subgraphs, "subgraph", ReadSubgraph);
        var buffers = Tables(root, Fields.Model.Buffers, "buffer", (t, _) => ReadBuffer(buffer, t));
        var metadata = Tables(root, Fields.Model.Metadata, "metadata", (t, _) => new TfliteMetadata(t.GetString(Fields.Metadata.Name) ?? string.Empty, t.GetUInt32(Fields.Metadata.Buffer)));
        return new TfliteModel(root.GetUInt32(Fields.Model.Version), codes, subgraphs, buffers, metadata);
    }

    private static ImmutableArray<T> Tables<T>(FlatTable table, int field, string what, Func<FlatTable, int, T> read)
    {
        if (table.GetVector(field, 4) is not { } vector)
        {
            return [];
        }

        var items = ImmutableArray.CreateBuilder<T>(vector.Count);
        for (var i = 0; i < vector.Count; i++)
        {
            items.Add(read(vector.TableAt(i), i));
        }

        return items.MoveToImmutable();
    }

    private static TfliteOperatorCode ReadOperatorCode(FlatTable table, int index)
    {
        // Old converters wrote only the byte-sized deprecated code; newer ones write both.
        var deprecated = table.GetSByte(Fields.OperatorCode.DeprecatedBuiltinCode);
        var builtin = table.GetInt32(Fields.OperatorCode.BuiltinCode);
        return new TfliteOperatorCode(Math.Max(deprecated, builtin), table.GetString(Fields.OperatorCode.CustomCode));
    }

    private static TfliteSubgraph ReadSubgraph(FlatTable table, int index) =>
        new(
            table.GetString(Fields.SubGraph.Name),
            Tables(table, Fields.SubGraph.Tensors, "tensor", ReadTensor),
            table.GetInt32s(Fields.SubGraph.Inputs),
            table.GetInt32s(Fields.SubGraph.Outputs),
            Tables(table, Fields.SubGraph.Operators, "operator", ReadOperator));

    private static TfliteTensor ReadTensor(FlatTable table, int index)
    {
        var quantization = table.GetTable(Fields.Tensor.Quantization) is { } q ? ReadQuantization(q) : null;
        return new TfliteTensor(
            table.GetString(Fields.Tensor.Name),
            table.GetInt32s(Fields.Tensor.Shape),
            table.GetInt32s(Fields.Tensor.ShapeSignature),
            (TfliteElementType)table.GetSByte(Fields.Tensor.Type),
            table.GetUInt32(Fields.Tensor.Buffer),
            quantization,
            table.GetBool(Fields.Tensor.IsVariable),
            table.Has(Fields.Tensor.Sparsity));
    }

    private static TfliteQuantization? ReadQuantization(FlatTable table)
    {
        var scales = table.GetVector(Fields.QuantizationParameters.Scale, 4)?.ToSingles() ?? [];
        var zeroPoints = table.GetVector(Fields.QuantizationParameters.ZeroPoint, 8)?.ToInt64s() ?? [];
        var custom = table.GetByte(Fields.QuantizationParameters.DetailsType) != 0;
        return scales.IsEmpty && !custom
            ? null
            : new TfliteQuantization(scales, zeroPoints, table.GetInt32(Fields.QuantizationParameters.QuantizedDimension), custom);
    }

    private static TfliteOperator ReadOperator(FlatTable table, int index) =>
        new(
            table.GetUInt32(Fields.Operator.OpcodeIndex),
            table.GetInt32s(Fields.Operator.Inputs),
            table.GetInt32s(Fields.Operator.Outputs),
            table.GetByte(Fields.Operator.BuiltinOptionsType),
            table.GetTable(Fields.Operator.BuiltinOptions));

    private static ReadOnlyMemory<byte> ReadBuffer(FlatBuffer buffer, FlatTable table)
    {
        if (table.GetVector(Fields.Buffer.Data, 1) is { } data)
        {
            return data.Bytes();
        }

        // Models over 2 GB keep buffers after the FlatBuffer: offset from the file's start, valid when > 1.
        var offset = table.GetInt64(Fields.Buffer.Offset);
        var size = table.GetInt64(Fields.Buffer.Size);
        if (offset <= 1)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        buffer.Require(offset, size, "external buffer");
        return buffer.Bytes.Slice((int)offset, (int)size);
    }
}
