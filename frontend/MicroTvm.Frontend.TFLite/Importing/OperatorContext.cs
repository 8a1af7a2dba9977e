using MicroTvm.Frontend.TFLite.FlatBuffers;
using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>
/// What an op importer sees of one TFLite operator: its operands as IR values (constants are
/// materialised on first use), its results, its options, and a place to emit nodes. Nothing is
/// added to the graph unless the whole operator imports: failures throw
/// <see cref="OperatorImportException"/> and the pending nodes are dropped.
/// </summary>
internal sealed class OperatorContext
{
    private const long MaxStateElements = 1 << 24;

    private readonly SubgraphImporter _importer;
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<int, string> _materialized = [];

    public OperatorContext(SubgraphImporter importer, int index, TfliteOperator op, BuiltinOperator code)
    {
        _importer = importer;
        Index = index;
        Operator = op;
        Code = code;
        Location = importer.Log.Location(ImportLog.OperatorPlace(index, code.ToString()));
    }

    public int Index { get; }

    public TfliteOperator Operator { get; }

    public BuiltinOperator Code { get; }

    public SourceLocation Location { get; }

    public IReadOnlyList<Node> Nodes => _nodes;

    public IReadOnlyDictionary<int, string> Materialized => _materialized;

    public int InputCount => Operator.Inputs.Length;

    public int OutputCount => Operator.Outputs.Length;

    public bool HasInput(int i) => i < Operator.Inputs.Length && Operator.Inputs[i] >= 0;

    /// <summary>The value name of input <paramref name="i"/>; empty for an absent optional input.</summary>
    public string Operand(int i)
    {
        if (!HasInput(i))
        {
            return string.Empty;
        }

        var tensor = Operator.Inputs[i];
        if (_materialized.TryGetValue(tensor, out var pending))
        {
            return pending;
        }

        if (_importer.DefinedValue(tensor) is { } name)
        {
            return name;
        }

        if (_importer.ConstantData(tensor, Fail) is { } data)
        {
            var value = new Value(_importer.Names.OfTensor(tensor), data.Type);
            _nodes.Add(new Node(Ops.Constant, [], [value], Attrs.Of(("value", new TensorAttribute(data))), Location));
            _materialized[tensor] = value.Name;
            return value.Name;
        }

        if (_importer.IsVariable(tensor))
        {
            return MaterializeZeros(tensor);
        }

        throw _importer.IsFailed(tensor)
            ? new OperatorImportException(null, "depends on a failed operator")
            : Fail(TfliteDiagnosticIds.UndefinedTensor, $"input {i} '{TensorName(tensor)}' is not a model input, a constant or the result of an operator");
    }

    public TensorType InputType(int i)
    {
        Require(HasInput(i), TfliteDiagnosticIds.BadOperands, $"input {i} is missing");
        return _importer.TypeOf(Operator.Inputs[i], Fail);
    }

    public TensorType OutputType(int i) => _importer.TypeOf(OutputTensor(i), Fail);

    /// <summary>The value for output <paramref name="i"/>, named after its tensor.</summary>
    public Value Result(int i) => new(_importer.Names.OfTensor(OutputTensor(i)), OutputType(i));

    public ImmutableArray<Value> Results() => [.. Enumerable.Range(0, OutputCount).Select(Result)];

    /// <summary>A new value, for a node the importer adds between TFLite's (an activation, a transposed filter).</summary>
    public Value Fresh(string baseName, TensorType type) => new(_importer.Names.Fresh(baseName), type);

    public string InputName(int i) => HasInput(i) ? TensorName(Operator.Inputs[i]) : $"input {i}";

    /// <summary>The contents of a constant input, which a shape, axes or permutation operand must be.</summary>
    public TensorData ConstantInput(int i, string role)
    {
        Require(HasInput(i), TfliteDiagnosticIds.BadOperands, $"{role} (input {i}) is missing");
        return _importer.ConstantData(Operator.Inputs[i], Fail)
            ?? throw Fail(TfliteDiagnosticIds.NonConstantOperand, $"{role} (input {i} '{InputName(i)}') must be a constant");
    }

    public ImmutableArray<long> ConstantInts(int i, string role)
    {
        var data = ConstantInput(i, role);
        Require(data.Type.ElementType is ElementType.I32 or ElementType.I64, TfliteDiagnosticIds.BadOperands, $"{role} (input {i} '{InputName(i)}') must be int32 or int64, not {data.Type.ElementType.Mnemonic()}");
        return [.. data.ToInt64s()];
    }

    public void RequireInputs(int min, int max)
    {
        Require(InputCount >= min && InputCount <= max, TfliteDiagnosticIds.BadOperands, min == max ? $"expects {min} inputs, has {InputCount}" : $"expects {min} to {max} inputs, has {InputCount}");
        for (var i = 0; i < min; i++)
        {
            Require(HasInput(i), TfliteDiagnosticIds.BadOperands, $"input {i} is missing");
        }
    }

    public void RequireOutputs(int count) =>
        Require(OutputCount == count, TfliteDiagnosticIds.BadOperands, $"expects {count} outputs, has {OutputCount}");

    /// <summary>The builtin options table, checked to be of the expected union member; null when the operator has none.</summary>
    public FlatTable? Options(BuiltinOptionsType expected)
    {
        if (Operator.OptionsType == (byte)BuiltinOptionsType.None)
        {
            return null;
        }

        Require(Operator.OptionsType == (byte)expected, TfliteDiagnosticIds.OptionsMismatch, $"has builtin options of union type {Operator.OptionsType}, expected {expected} ({(byte)expected})");
        return Operator.Options;
    }

    public string Activation(TfliteActivation activation) => activation switch
    {
        TfliteActivation.None => Activations.None,
        TfliteActivation.Relu => Activations.Relu,
        TfliteActivation.Relu6 => Activations.Relu6,
        TfliteActivation.ReluN1To1 => Activations.ReluN1To1,
        TfliteActivation.Tanh => Activations.Tanh,
        _ => throw Fail(TfliteDiagnosticIds.UnsupportedOption, $"fused activation {activation} is not supported"),
    };

    /// <summary>Adds a node; trailing absent optional operands are dropped.</summary>
    public void Emit(OpDefinition op, ImmutableArray<string> operands, ImmutableArray<Value> results, ImmutableSortedDictionary<string, IR.Attribute>? attributes = null)
    {
        var count = operands.Length;
        while (count > 0 && operands[count - 1].Length == 0)
        {
            count--;
        }

        _nodes.Add(new Node(op, operands[..count], results, attributes, Location));
    }

    public void Require(bool condition, string id, string message)
    {
        if (!condition)
        {
            throw Fail(id, message);
        }
    }

    public OperatorImportException Fail(string id, string message) => new(id, message);

    private int OutputTensor(int i)
    {
        Require(i < Operator.Outputs.Length && Operator.Outputs[i] >= 0, TfliteDiagnosticIds.BadOperands, $"output {i} is missing");
        return Operator.Outputs[i];
    }

    private string TensorName(int tensor) => _importer.Names.OfTensor(tensor);

    private string MaterializeZeros(int tensor)
    {
        var type = _importer.TypeOf(tensor, Fail);
        Require(type.ElementCount <= MaxStateElements, TfliteDiagnosticIds.TensorTooLarge, $"variable tensor '{TensorName(tensor)}' of {type} is too large to start from zeros");
        var data = new TensorData(type, new byte[type.ByteSize]);
        if (type.Quantization is { } q)
        {
            // Zero state is the real value 0: the zero point, not the raw byte 0.
            data = TensorData.FromInt64s(type, [.. Enumerable.Repeat(q.ZeroPoints[0], (int)type.ElementCount)]);
        }

        var value = new Value(TensorName(tensor), type);
        _nodes.Add(new Node(Ops.Constant, [], [value], Attrs.Of(("value", new TensorAttribute(data))), Location));
        _materialized[tensor] = value.Name;
        _importer.Log.Note(TfliteDiagnosticIds.VariableAsZeros, $"variable tensor '{value.Name}' starts from zeros (state is not kept between runs)", ImportLog.OperatorPlace(Index, Code.ToString()));
        return value.Name;
    }
}
