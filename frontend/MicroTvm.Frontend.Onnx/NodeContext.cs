using System.Text;

namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// What an op converter sees of one ONNX node: its inputs (as IR values, types or known
/// constants), its attributes with ONNX defaults, and emission of IR nodes located at it.
/// Converters fail by throwing <see cref="OnnxImportException"/> via <see cref="Unsupported"/>.
/// </summary>
internal sealed class NodeContext(GraphImporter importer, NodeProto proto, long opset, SourceLocation location)
{
    public NodeProto Proto { get; } = proto;

    public long Opset { get; } = opset;

    public SourceLocation Location { get; } = location;

    public bool HasInput(int index) => index < Proto.Input.Count && Proto.Input[index].Length > 0;

    /// <summary>The IR value of input <paramref name="index"/> (a constant node is emitted for a known value).</summary>
    public string Input(int index) =>
        HasInput(index) ? importer.Materialize(Proto.Input[index]) : throw Unsupported($"input {index} is required");

    public TensorType InputType(int index) =>
        HasInput(index) ? importer.TypeOf(Proto.Input[index]) : throw Unsupported($"input {index} is required");

    public TensorData? ConstantInput(int index) =>
        HasInput(index) && importer.TryGetConstant(Proto.Input[index], out var data) ? data : null;

    public TensorData RequireConstant(int index, string what) =>
        ConstantInput(index) ?? throw new OnnxImportException(
            OnnxDiagnosticIds.OperandNotConstant,
            $"{what} (input {index}, '{(HasInput(index) ? Proto.Input[index] : string.Empty)}') must be a constant: the IR needs it at compile time");

    public bool HasOutput(int index) => index < Proto.Output.Count && Proto.Output[index].Length > 0;

    public bool IsOutputUsed(int index) => HasOutput(index) && importer.IsUsed(Proto.Output[index]);

    /// <summary>The ONNX name of output <paramref name="index"/>, which is also its IR value name.</summary>
    public string Output(int index = 0) =>
        HasOutput(index) ? Proto.Output[index] : throw Unsupported($"output {index} is required");

    public TensorType TypeOfValue(string irName) => importer.TypeOfValue(irName);

    public Quantization? PlannedQuantization(string onnxName) => importer.PlannedQuantization(onnxName);

    public AttributeProto? Attribute(string name) => Proto.Attribute.FirstOrDefault(a => a.Name == name);

    public bool HasAttribute(string name) => Attribute(name) is not null;

    public long Int(string name, long fallback) => Attribute(name) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Attribute(name) is { } a ? a.F : fallback;

    public string String(string name, string fallback) => Attribute(name) is { } a ? Encoding.UTF8.GetString(a.S.Span) : fallback;

    public long[]? Ints(string name) => Attribute(name) is { } a ? [.. a.Ints] : null;

    public OnnxImportException Unsupported(string message) =>
        new(OnnxDiagnosticIds.UnsupportedOpConfiguration, $"{Proto.OpType}: {message}");

    /// <summary>A fresh IR value name derived from the node's first output.</summary>
    public string Temp(string suffix) => importer.FreshName($"{Output()}.{suffix}");

    /// <summary>Makes output <paramref name="output"/> a known constant, materialised only where it is used at run time.</summary>
    public void DefineConstant(int output, TensorData data) => importer.AddConstant(Output(output), data);

    public void Alias(int output, string irName)
    {
        if (HasOutput(output))
        {
            importer.Alias(Proto.Output[output], irName);
        }
    }

    public string Emit(OpDefinition op, string result, ImmutableArray<string> operands, ImmutableSortedDictionary<string, Attribute>? attributes = null, TensorType? declared = null) =>
        importer.Emit(op, operands, attributes ?? Attrs.None, [result], declared is null ? default : [declared], Location)[0];

    public ImmutableArray<string> EmitMany(OpDefinition op, ImmutableArray<string> results, ImmutableArray<string> operands, ImmutableSortedDictionary<string, Attribute> attributes) =>
        importer.Emit(op, operands, attributes, results, default, Location);

    /// <summary>A constant node with a fresh name.</summary>
    public string Constant(TensorData data, string suffix) =>
        Emit(Ops.Constant, Temp(suffix), [], Attrs.Of(("value", new TensorAttribute(data))));

    public string ChannelsLast(string irName) => importer.ChannelsLast(irName, Location);

    /// <summary>Transposes a channels-last value back to the model's channels-first layout.</summary>
    public string ChannelsFirst(string irName, string result) =>
        Emit(Ops.Transpose, result, [irName], Attrs.Of(("perm", Attrs.Ints(Layouts.ToChannelsFirst(TypeOfValue(irName).Rank)))));

    public string Transpose(string irName, IEnumerable<int> perm, string suffix) =>
        Emit(Ops.Transpose, Temp(suffix), [irName], Attrs.Of(("perm", Attrs.Ints(perm))));

    public string Reshape(string irName, IEnumerable<int> shape, string result) =>
        Emit(Ops.Reshape, result, [irName], Attrs.Of(("shape", Attrs.Ints(shape))));
}
