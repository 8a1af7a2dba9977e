namespace MicroTvm.Frontend.Onnx;

/// <summary>Conversion of nodes: the value map, constant materialisation, emission of IR nodes.</summary>
internal sealed partial class GraphImporter
{
    private void ConvertNode(NodeProto node, int index)
    {
        if (node.OpType == "Constant")
        {
            return;
        }

        if (node.Input.Any(_failed.Contains))
        {
            _failed.UnionWith(node.Output);
            return;
        }

        var location = NodeLocation(node, index);
        try
        {
            OnnxOpTable.TryGet(node.OpType, out var entry);
            entry.Convert(new NodeContext(this, node, _opset, location));
            foreach (var output in node.Output.Where(o => o.Length > 0 && !_irNameOf.ContainsKey(o)))
            {
                if (_types.ContainsKey(output))
                {
                    _irNameOf[output] = output;
                }
                else if (_used.Contains(output) && !_constants.ContainsKey(output))
                {
                    throw new OnnxImportException(OnnxDiagnosticIds.UnsupportedOpConfiguration, $"output '{output}' is not produced by this import of {node.OpType}");
                }
            }
        }
        catch (OnnxImportException e)
        {
            ReportNode(index, e.Id, e.Message);
            _failed.UnionWith(node.Output);
        }
    }

    /// <summary>The IR value of an ONNX tensor, emitting a <c>constant</c> node for a known value on first use.</summary>
    public string Materialize(string onnxName)
    {
        if (_irNameOf.TryGetValue(onnxName, out var name))
        {
            return name;
        }

        if (!_constants.TryGetValue(onnxName, out var data))
        {
            throw new OnnxImportException(OnnxDiagnosticIds.UndefinedTensor, $"tensor '{onnxName}' has no value");
        }

        name = Emit(Ops.Constant, [], Attrs.Of(("value", new TensorAttribute(data))), [onnxName], default, null)[0];
        _irNameOf[onnxName] = name;
        return name;
    }

    /// <summary>The type of an ONNX tensor, without materialising constants.</summary>
    public TensorType TypeOf(string onnxName) =>
        _irNameOf.TryGetValue(onnxName, out var name) ? _types[name]
        : _constants.TryGetValue(onnxName, out var data) ? data.Type
        : throw new OnnxImportException(OnnxDiagnosticIds.UndefinedTensor, $"tensor '{onnxName}' has no value");

    public TensorType TypeOfValue(string irName) => _types[irName];

    public Quantization? PlannedQuantization(string onnxName) => _quantization.GetValueOrDefault(onnxName);

    public void Alias(string onnxName, string irName) => _irNameOf[onnxName] = irName;

    public string FreshName(string stem)
    {
        var name = stem;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{stem}.{i}";
        }

        return name;
    }

    /// <summary>
    /// Emits one IR node, its result types inferred by the op's own type inference from the
    /// operand types; <paramref name="declared"/> gives the types the op leaves free (the
    /// quantization of an integer result, a cast's target).
    /// </summary>
    public ImmutableArray<string> Emit(
        OpDefinition op,
        ImmutableArray<string> operands,
        ImmutableSortedDictionary<string, Attribute> attributes,
        ImmutableArray<string> results,
        ImmutableArray<TensorType> declared,
        SourceLocation? location)
    {
        var declaredValues = declared.IsDefault ? [] : results.Zip(declared, (n, t) => new Value(n, t)).ToImmutableArray();
        var probe = new Node(op, operands, declaredValues, attributes, location);
        var types = TypeInferenceRunner.InferResultTypes(probe, name => _types.GetValueOrDefault(name), out var errors);
        if (types.IsDefault || types.Length != results.Length)
        {
            var operandText = string.Join(", ", operands.Select(o => o.Length == 0 ? "-" : _types.GetValueOrDefault(o)?.ToString() ?? "?"));
            throw new OnnxImportException(OnnxDiagnosticIds.InvalidOperands, $"'{op.Name}' rejects operands ({operandText}): {string.Join("; ", errors)}");
        }

        foreach (var type in types)
        {
            OnnxTensors.ElementCount(type.Shape, $"the result of '{op.Name}'");
        }

        var values = results.Zip(types, (n, t) => new Value(n, t)).ToImmutableArray();
        _nodes.Add(new Node(op, operands, values, attributes, location));
        foreach (var value in values)
        {
            _names.Add(value.Name);
            _types[value.Name] = value.Type;
        }

        return results;
    }

    /// <summary>The value in channels-last layout (NCHW → NHWC), emitted once per value.</summary>
    public string ChannelsLast(string irName, SourceLocation location)
    {
        if (_channelsLast.TryGetValue(irName, out var existing))
        {
            return existing;
        }

        var rank = _types[irName].Rank;
        var name = Emit(Ops.Transpose, [irName], Attrs.Of(("perm", Attrs.Ints(Layouts.ToChannelsLast(rank)))), [FreshName(irName + ".nhwc")], default, location)[0];
        _channelsLast[irName] = name;
        return name;
    }
}
