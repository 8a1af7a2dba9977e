using MicroTvm.Frontend.TFLite.FlatBuffers;
using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Writer;

/// <summary>
/// Builds a one-subgraph .tflite file: tensors (constants carry their bytes), operators with
/// builtin options, inputs, outputs and metadata. Deterministic: the same calls give the same
/// bytes. Used by tests and to write the project's sample models.
/// </summary>
public sealed class TfliteModelBuilder
{
    private readonly List<TensorEntry> _tensors = [];
    private readonly List<OperatorEntry> _operators = [];
    private readonly List<(int Builtin, string? Custom)> _opcodes = [];
    private readonly List<(string Name, byte[] Data)> _metadata = [];
    private int[] _inputs = [];
    private int[] _outputs = [];

    public string? Description { get; set; }

    public string? SubgraphName { get; set; }

    /// <summary>The schema version written; anything but 3 makes an invalid model (for tests).</summary>
    public uint Version { get; set; } = F.SchemaVersion;

    public int AddTensor(string name, TfliteElementType type, int[] shape, TfliteQuantization? quantization = null, bool isVariable = false, int[]? shapeSignature = null) =>
        Add(new TensorEntry(name, type, shape, quantization, null, isVariable, shapeSignature));

    public int AddConstant(string name, TfliteElementType type, int[] shape, byte[] data, TfliteQuantization? quantization = null) =>
        Add(new TensorEntry(name, type, shape, quantization, data, false, null));

    public int AddInt32Constant(string name, int[] values, int[]? shape = null)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return AddConstant(name, TfliteElementType.Int32, shape ?? [values.Length], bytes);
    }

    public int AddFloatConstant(string name, float[] values, int[] shape)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return AddConstant(name, TfliteElementType.Float32, shape, bytes);
    }

    /// <summary>Adds an operator; -1 in <paramref name="inputs"/> is an absent optional input.</summary>
    public void AddOperator(BuiltinOperator op, int[] inputs, int[] outputs, TfliteOptions? options = null) =>
        _operators.Add(new OperatorEntry(Opcode((int)op, null), inputs, outputs, options));

    public void AddCustomOperator(string customCode, int[] inputs, int[] outputs) =>
        _operators.Add(new OperatorEntry(Opcode((int)BuiltinOperator.CUSTOM, customCode), inputs, outputs, null));

    /// <summary>An operator with a raw builtin code, possibly one the schema does not define (for tests).</summary>
    public void AddOperatorCode(int builtinCode, int[] inputs, int[] outputs) =>
        _operators.Add(new OperatorEntry(Opcode(builtinCode, null), inputs, outputs, null));

    public void SetInputs(params int[] tensors) => _inputs = tensors;

    public void SetOutputs(params int[] tensors) => _outputs = tensors;

    public void AddMetadata(string name, byte[] data) => _metadata.Add((name, data));

    public byte[] Build()
    {
        var fb = new FlatBufferBuilder();

        // Buffer 0 is the empty sentinel; every constant and metadata entry gets its own buffer.
        var bufferData = new List<byte[]?> { null };
        var tensorBuffers = _tensors.Select(t => t.Data is null ? 0 : AddBuffer(bufferData, t.Data)).ToArray();
        var metadataBuffers = _metadata.Select(m => AddBuffer(bufferData, m.Data)).ToArray();

        var buffers = bufferData.Select(data => WriteBuffer(fb, data)).ToArray();
        var tensors = _tensors.Select((t, i) => WriteTensor(fb, t, tensorBuffers[i])).ToArray();
        var operators = _operators.Select(op => WriteOperator(fb, op)).ToArray();
        var opcodes = _opcodes.Select(code => WriteOpcode(fb, code)).ToArray();
        var metadata = _metadata.Select((m, i) => WriteMetadata(fb, m.Name, metadataBuffers[i])).ToArray();

        var tensorVector = fb.CreateOffsetVector(tensors);
        var inputs = fb.CreateInt32Vector(_inputs);
        var outputs = fb.CreateInt32Vector(_outputs);
        var operatorVector = fb.CreateOffsetVector(operators);
        var subgraphName = SubgraphName is null ? 0 : fb.CreateString(SubgraphName);
        fb.StartTable(5);
        fb.AddReference(F.SubGraph.Tensors, tensorVector);
        fb.AddReference(F.SubGraph.Inputs, inputs);
        fb.AddReference(F.SubGraph.Outputs, outputs);
        fb.AddReference(F.SubGraph.Operators, operatorVector);
        if (subgraphName != 0)
        {
            fb.AddReference(F.SubGraph.Name, subgraphName);
        }

        var subgraph = fb.EndTable();

        var opcodeVector = fb.CreateOffsetVector(opcodes);
        var subgraphVector = fb.CreateOffsetVector([subgraph]);
        var description = Description is null ? 0 : fb.CreateString(Description);
        var bufferVector = fb.CreateOffsetVector(buffers);
        var metadataVector = metadata.Length == 0 ? 0 : fb.CreateOffsetVector(metadata);
        fb.StartTable(8);
        fb.AddInt32(F.Model.Version, (int)Version);
        fb.AddReference(F.Model.OperatorCodes, opcodeVector);
        fb.AddReference(F.Model.Subgraphs, subgraphVector);
        if (description != 0)
        {
            fb.AddReference(F.Model.Description, description);
        }

        fb.AddReference(F.Model.Buffers, bufferVector);
        if (metadataVector != 0)
        {
            fb.AddReference(F.Model.Metadata, metadataVector);
        }

        return fb.Finish(fb.EndTable(), F.FileIdentifier);
    }

    private static int AddBuffer(List<byte[]?> buffers, byte[] data)
    {
        buffers.Add(data);
        return buffers.Count - 1;
    }

    private static int WriteBuffer(FlatBufferBuilder fb, byte[]? data)
    {
        var vector = data is null ? 0 : fb.CreateVector(data, data.Length, 16);
        fb.StartTable(1);
        if (vector != 0)
        {
            fb.AddReference(F.Buffer.Data, vector);
        }

        return fb.EndTable();
    }

    private static int WriteTensor(FlatBufferBuilder fb, TensorEntry tensor, int buffer)
    {
        var shape = fb.CreateInt32Vector(tensor.Shape);
        var name = fb.CreateString(tensor.Name);
        var signature = tensor.ShapeSignature is null ? 0 : fb.CreateInt32Vector(tensor.ShapeSignature);
        var quantization = tensor.Quantization is null ? 0 : WriteQuantization(fb, tensor.Quantization);
        fb.StartTable(8);
        fb.AddReference(F.Tensor.Shape, shape);
        if (tensor.Type != TfliteElementType.Float32)
        {
            fb.AddByte(F.Tensor.Type, (byte)tensor.Type);
        }

        if (buffer != 0)
        {
            fb.AddInt32(F.Tensor.Buffer, buffer);
        }

        fb.AddReference(F.Tensor.Name, name);
        if (quantization != 0)
        {
            fb.AddReference(F.Tensor.Quantization, quantization);
        }

        if (tensor.IsVariable)
        {
            fb.AddByte(F.Tensor.IsVariable, 1);
        }

        if (signature != 0)
        {
            fb.AddReference(F.Tensor.ShapeSignature, signature);
        }

        return fb.EndTable();
    }

    private static int WriteQuantization(FlatBufferBuilder fb, TfliteQuantization q)
    {
        var scales = fb.CreateSingleVector(q.Scales.AsSpan());
        var zeroPoints = fb.CreateInt64Vector(q.ZeroPoints.AsSpan());
        fb.StartTable(7);
        fb.AddReference(F.QuantizationParameters.Scale, scales);
        fb.AddReference(F.QuantizationParameters.ZeroPoint, zeroPoints);
        if (q.QuantizedDimension != 0)
        {
            fb.AddInt32(F.QuantizationParameters.QuantizedDimension, q.QuantizedDimension);
        }

        return fb.EndTable();
    }

    private static int WriteOperator(FlatBufferBuilder fb, OperatorEntry op)
    {
        var inputs = fb.CreateInt32Vector(op.Inputs);
        var outputs = fb.CreateInt32Vector(op.Outputs);
        var options = op.Options is null ? 0 : WriteOptions(fb, op.Options);
        fb.StartTable(9);
        if (op.Opcode != 0)
        {
            fb.AddInt32(F.Operator.OpcodeIndex, op.Opcode);
        }

        fb.AddReference(F.Operator.Inputs, inputs);
        fb.AddReference(F.Operator.Outputs, outputs);
        if (op.Options is not null)
        {
            fb.AddByte(F.Operator.BuiltinOptionsType, (byte)op.Options.Type);
            fb.AddReference(F.Operator.BuiltinOptions, options);
        }

        return fb.EndTable();
    }

    private static int WriteOptions(FlatBufferBuilder fb, TfliteOptions options)
    {
        var vectors = options.Fields.Where(f => f.Value is int[]).ToDictionary(f => f.Id, f => fb.CreateInt32Vector((int[])f.Value));
        fb.StartTable(options.Fields.Length == 0 ? 0 : options.Fields.Max(f => f.Id) + 1);
        foreach (var field in options.Fields)
        {
            switch (field.Value)
            {
                case sbyte b:
                    fb.AddByte(field.Id, unchecked((byte)b));
                    break;
                case bool b:
                    fb.AddByte(field.Id, b ? (byte)1 : (byte)0);
                    break;
                case int i:
                    fb.AddInt32(field.Id, i);
                    break;
                case float f:
                    fb.AddSingle(field.Id, f);
                    break;
                case int[]:
                    fb.AddReference(field.Id, vectors[field.Id]);
                    break;
                default:
                    throw new ArgumentException($"option field {field.Id} has unsupported value type {field.Value.GetType().Name}");
            }
        }

        return fb.EndTable();
    }

    private static int WriteOpcode(FlatBufferBuilder fb, (int Builtin, string? Custom) code)
    {
        var custom = code.Custom is null ? 0 : fb.CreateString(code.Custom);
        fb.StartTable(4);

        // Codes past the byte range live only in builtin_code; the deprecated byte says "look there".
        fb.AddByte(F.OperatorCode.DeprecatedBuiltinCode, (byte)Math.Min(code.Builtin, (int)BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES));
        if (custom != 0)
        {
            fb.AddReference(F.OperatorCode.CustomCode, custom);
        }

        fb.AddInt32(F.OperatorCode.Version, 1);
        fb.AddInt32(F.OperatorCode.BuiltinCode, code.Builtin);
        return fb.EndTable();
    }

    private static int WriteMetadata(FlatBufferBuilder fb, string name, int buffer)
    {
        var nameOffset = fb.CreateString(name);
        fb.StartTable(2);
        fb.AddReference(F.Metadata.Name, nameOffset);
        fb.AddInt32(F.Metadata.Buffer, buffer);
        return fb.EndTable();
    }

    private int Add(TensorEntry tensor)
    {
        _tensors.Add(tensor);
        return _tensors.Count - 1;
    }

    private int Opcode(int builtin, string? custom)
    {
        var index = _opcodes.IndexOf((builtin, custom));
        if (index >= 0)
        {
            return index;
        }

        _opcodes.Add((builtin, custom));
        return _opcodes.Count - 1;
    }

    private sealed record TensorEntry(string Name, TfliteElementType Type, int[] Shape, TfliteQuantization? Quantization, byte[]? Data, bool IsVariable, int[]? ShapeSignature);

    private sealed record OperatorEntry(int Opcode, int[] Inputs, int[] Outputs, TfliteOptions? Options);
}
