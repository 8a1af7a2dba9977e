using MicroTvm.Frontend.TFLite.FlatBuffers;
using MicroTvm.Frontend.TFLite.Importing.Operators;
using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>
/// Imports one TFLite subgraph as the IR graph <c>main</c>: model inputs become graph inputs,
/// constant buffers become <c>constant</c> nodes (windows into the file, not copies) placed
/// before their first user, and each operator becomes the IR nodes its importer emits, in a
/// topological order. Every operator is attempted, so one run reports every problem.
/// </summary>
internal sealed class SubgraphImporter
{
    private readonly TfliteModel _model;
    private readonly TfliteSubgraph _subgraph;
    private readonly Dictionary<int, string> _defined = [];
    private readonly HashSet<int> _failed = [];
    private readonly Dictionary<int, (TensorType? Type, string Id, string Message)> _types = [];
    private readonly Dictionary<int, TensorData> _constants = [];
    private readonly List<Node> _nodes = [];

    public SubgraphImporter(TfliteModel model, TfliteSubgraph subgraph, ImportLog log)
    {
        _model = model;
        _subgraph = subgraph;
        Log = log;
        Names = new ValueNames(subgraph.Tensors);
    }

    public ImportLog Log { get; }

    public ValueNames Names { get; }

    public Graph? Import()
    {
        if (!CheckIndices() || OperatorOrder() is not { } order)
        {
            return null;
        }

        var inputs = ImportInputs();
        foreach (var index in order)
        {
            ImportOperator(index);
        }

        var outputs = ImportOutputs();
        return Log.HasErrors ? null : new Graph(IR.Module.MainGraphName, inputs, [.. _nodes], outputs);
    }

    public string? DefinedValue(int tensor) => _defined.GetValueOrDefault(tensor);

    public bool IsFailed(int tensor) => _failed.Contains(tensor);

    public bool IsVariable(int tensor) => _subgraph.Tensors[tensor].IsVariable;

    public TensorType TypeOf(int tensor, Func<string, string, OperatorImportException> fail)
    {
        if (!_types.TryGetValue(tensor, out var entry))
        {
            string id = string.Empty, message = string.Empty;
            var type = TensorTypes.Convert(
                _subgraph.Tensors[tensor],
                Names.OfTensor(tensor),
                (i, m) => (id, message) = (id.Length == 0 ? i : id, message.Length == 0 ? m : message),
                (i, m) => Log.Note(i, m, $"tensor {tensor}"));
            _types[tensor] = entry = (type, id, message);
        }

        return entry.Type ?? throw fail(entry.Id, entry.Message);
    }

    /// <summary>The tensor's constant contents, or null when it has no buffer data.</summary>
    public TensorData? ConstantData(int tensor, Func<string, string, OperatorImportException> fail)
    {
        if (_constants.TryGetValue(tensor, out var cached))
        {
            return cached;
        }

        var bufferIndex = _subgraph.Tensors[tensor].Buffer;
        if (bufferIndex == 0)
        {
            return null;
        }

        if (bufferIndex >= _model.Buffers.Length)
        {
            throw fail(TfliteDiagnosticIds.IndexOutOfRange, $"tensor '{Names.OfTensor(tensor)}' refers to buffer {bufferIndex}, but the model has {_model.Buffers.Length}");
        }

        var bytes = _model.Buffers[(int)bufferIndex];
        if (bytes.IsEmpty)
        {
            return null;
        }

        var type = TypeOf(tensor, fail);
        if (bytes.Length != type.ByteSize)
        {
            throw fail(TfliteDiagnosticIds.BadConstant, $"constant '{Names.OfTensor(tensor)}' of type {type} needs {type.ByteSize} bytes, but its buffer {bufferIndex} has {bytes.Length}");
        }

        var data = new TensorData(type, bytes);
        _constants[tensor] = data;
        return data;
    }

    private bool CheckIndices()
    {
        var count = _subgraph.Tensors.Length;
        var ok = true;
        foreach (var (list, what) in new[] { (_subgraph.Inputs, "input"), (_subgraph.Outputs, "output") })
        {
            foreach (var tensor in list)
            {
                if (tensor < 0 || tensor >= count)
                {
                    Log.Error(TfliteDiagnosticIds.IndexOutOfRange, $"model {what} refers to tensor {tensor}, but the subgraph has {count} tensors");
                    ok = false;
                }
            }
        }

        for (var i = 0; i < _subgraph.Operators.Length; i++)
        {
            var op = _subgraph.Operators[i];
            var name = OperatorName(op);
            foreach (var tensor in op.Inputs.Concat(op.Outputs))
            {
                if (tensor < -1 || tensor >= count)
                {
                    Log.OperatorError(i, name, TfliteDiagnosticIds.IndexOutOfRange, $"refers to tensor {tensor}, but the subgraph has {count} tensors");
                    ok = false;
                }
            }
        }

        return ok;
    }

    /// <summary>Operators in dependency order (stable: the file's order where it is already valid), or null after reporting a cycle.</summary>
    private List<int>? OperatorOrder()
    {
        var producers = new Dictionary<int, int>();
        for (var i = 0; i < _subgraph.Operators.Length; i++)
        {
            foreach (var tensor in _subgraph.Operators[i].Outputs)
            {
                if (tensor < 0)
                {
                    continue;
                }

                if (!producers.TryAdd(tensor, i))
                {
                    Log.OperatorError(i, OperatorName(_subgraph.Operators[i]), TfliteDiagnosticIds.Cycle, $"writes tensor '{Names.OfTensor(tensor)}', which operator {producers[tensor]} also writes");
                    return null;
                }
            }
        }

        var order = new List<int>(_subgraph.Operators.Length);
        var state = new byte[_subgraph.Operators.Length];
        var stack = new Stack<(int Op, int NextInput)>();
        for (var root = 0; root < state.Length; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (op, next) = stack.Pop();
                var inputs = _subgraph.Operators[op].Inputs;
                if (next < inputs.Length)
                {
                    stack.Push((op, next + 1));
                    if (inputs[next] >= 0 && producers.TryGetValue(inputs[next], out var producer))
                    {
                        if (state[producer] == 1)
                        {
                            Log.OperatorError(op, OperatorName(_subgraph.Operators[op]), TfliteDiagnosticIds.Cycle, $"reads tensor '{Names.OfTensor(inputs[next])}', which depends on this operator's own result (the operators form a cycle)");
                            return null;
                        }

                        if (state[producer] == 0)
                        {
                            state[producer] = 1;
                            stack.Push((producer, 0));
                        }
                    }

                    continue;
                }

                state[op] = 2;
                order.Add(op);
            }
        }

        return order;
    }

    private ImmutableArray<Value> ImportInputs()
    {
        var inputs = ImmutableArray.CreateBuilder<Value>();
        foreach (var tensor in _subgraph.Inputs)
        {
            if (_defined.ContainsKey(tensor))
            {
                continue;
            }

            try
            {
                var value = new Value(Names.OfTensor(tensor), TypeOf(tensor, (id, message) => new OperatorImportException(id, message)));
                inputs.Add(value);
                _defined[tensor] = value.Name;
            }
            catch (OperatorImportException e)
            {
                Log.Error(e.Id ?? TfliteDiagnosticIds.BadOperands, $"model input '{Names.OfTensor(tensor)}': {e.Message}", $"tensor {tensor}");
                _failed.Add(tensor);
            }
        }

        return inputs.ToImmutable();
    }

    private void ImportOperator(int index)
    {
        var op = _subgraph.Operators[index];
        var name = OperatorName(op);
        if (op.OpcodeIndex >= _model.OperatorCodes.Length)
        {
            Fail(index, name, op, TfliteDiagnosticIds.IndexOutOfRange, $"refers to opcode {op.OpcodeIndex}, but the model has {_model.OperatorCodes.Length}");
            return;
        }

        var code = _model.OperatorCodes[(int)op.OpcodeIndex];
        if (code.BuiltinCode == (int)BuiltinOperator.CUSTOM)
        {
            Fail(index, name, op, TfliteDiagnosticIds.CustomOperator, $"custom operator '{code.CustomCode}' is not supported");
            return;
        }

        if (!Enum.IsDefined((BuiltinOperator)code.BuiltinCode))
        {
            Fail(index, name, op, TfliteDiagnosticIds.UnknownOperator, $"builtin operator code {code.BuiltinCode} is unknown to this frontend");
            return;
        }

        var builtin = (BuiltinOperator)code.BuiltinCode;
        if (!OperatorTable.TryGet(builtin, out var importer))
        {
            Fail(index, name, op, TfliteDiagnosticIds.UnsupportedOperator, $"{builtin} is not supported");
            return;
        }

        var context = new OperatorContext(this, index, op, builtin);
        try
        {
            importer(context);
        }
        catch (OperatorImportException e)
        {
            Fail(index, name, op, e.Id, e.Message);
            return;
        }
        catch (FlatBufferException e)
        {
            Fail(index, name, op, TfliteDiagnosticIds.CorruptFile, $"corrupt options: {e.Message}");
            return;
        }

        _nodes.AddRange(context.Nodes);
        foreach (var (tensor, value) in context.Materialized)
        {
            _defined[tensor] = value;
        }

        foreach (var tensor in op.Outputs)
        {
            if (tensor >= 0)
            {
                _defined[tensor] = Names.OfTensor(tensor);
            }
        }
    }

    private void Fail(int index, string name, TfliteOperator op, string? id, string message)
    {
        if (id is not null)
        {
            Log.OperatorError(index, name, id, message);
        }

        foreach (var tensor in op.Outputs)
        {
            if (tensor >= 0)
            {
                _failed.Add(tensor);
            }
        }
    }

    private ImmutableArray<string> ImportOutputs()
    {
        var outputs = ImmutableArray.CreateBuilder<string>();
        foreach (var tensor in _subgraph.Outputs)
        {
            if (_defined.TryGetValue(tensor, out var name))
            {
                outputs.Add(name);
                continue;
            }

            if (_failed.Contains(tensor))
            {
                continue;
            }

            try
            {
                var data = ConstantData(tensor, (id, message) => new OperatorImportException(id, message))
                    ?? throw new OperatorImportException(TfliteDiagnosticIds.UndefinedTensor, "no operator produces it and it is not an input or a constant");
                var value = new Value(Names.OfTensor(tensor), data.Type);
                _nodes.Add(new Node(Ops.Constant, [], [value], Attrs.Of(("value", new TensorAttribute(data)))));
                _defined[tensor] = value.Name;
                outputs.Add(value.Name);
            }
            catch (OperatorImportException e)
            {
                Log.Error(e.Id ?? TfliteDiagnosticIds.UndefinedTensor, $"model output '{Names.OfTensor(tensor)}': {e.Message}", $"tensor {tensor}");
            }
        }

        return outputs.ToImmutable();
    }

    private string OperatorName(TfliteOperator op) =>
        op.OpcodeIndex < _model.OperatorCodes.Length ? _model.OperatorCodes[(int)op.OpcodeIndex].DisplayName : $"opcode {op.OpcodeIndex}";
}
