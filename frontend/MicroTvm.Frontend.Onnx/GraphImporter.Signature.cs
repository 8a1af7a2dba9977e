namespace MicroTvm.Frontend.Onnx;

/// <summary>Graph inputs and outputs: static types, known input values, the final output names.</summary>
internal sealed partial class GraphImporter
{
    /// <summary>Graph inputs with a known value that some node needs as a compile-time constant.</summary>
    private HashSet<string> FreezeKnownInputs(GraphProto graph)
    {
        var frozen = new HashSet<string>(StringComparer.Ordinal);
        if (_options.KnownInputValues is not { } known)
        {
            return frozen;
        }

        var inputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            if (!OnnxOpTable.TryGet(node.OpType, out var entry))
            {
                continue;
            }

            foreach (var position in entry.StaticOperands)
            {
                if (position < node.Input.Count && inputs.Contains(node.Input[position]) && !_constants.ContainsKey(node.Input[position])
                    && known.TryGetValue(node.Input[position], out var value))
                {
                    _constants[node.Input[position]] = value;
                    frozen.Add(node.Input[position]);
                }
            }
        }

        return frozen;
    }

    private void DeclareInputs(GraphProto graph, HashSet<string> frozen)
    {
        foreach (var input in graph.Input)
        {
            // Old exporters list initializers among the inputs too; those are constants here.
            if (_constants.ContainsKey(input.Name) || frozen.Contains(input.Name))
            {
                continue;
            }

            try
            {
                var type = InputType(input);
                _inputs.Add(new Value(input.Name, type));
                _irNameOf[input.Name] = input.Name;
                _types[input.Name] = type;
            }
            catch (OnnxImportException e)
            {
                Report(e.Id, e.Message, ModelLocation($"input '{input.Name}'"));
            }
        }
    }

    private TensorType InputType(ValueInfoProto input)
    {
        if (input.Name.Length == 0)
        {
            throw new OnnxImportException(OnnxDiagnosticIds.UntypedValue, "a graph input has no name");
        }

        var tensor = input.Type?.TensorType
            ?? throw new OnnxImportException(OnnxDiagnosticIds.UntypedValue, $"graph input '{input.Name}' is not a tensor (sequences, maps and optionals are not supported)");
        var elementType = OnnxElementTypes.ToElementType(tensor.ElemType, $"graph input '{input.Name}'");
        if (tensor.Shape is null)
        {
            throw new OnnxImportException(OnnxDiagnosticIds.DynamicDimension, $"graph input '{input.Name}' has no shape; only static shapes are supported");
        }

        var dims = new long[tensor.Shape.Dim.Count];
        for (var d = 0; d < dims.Length; d++)
        {
            var dim = tensor.Shape.Dim[d];
            if (dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue)
            {
                dims[d] = dim.DimValue;
            }
            else if (d == 0 && dims.Length > 1)
            {
                var what = dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? $"symbolic ('{dim.DimParam}')" : "unknown";
                _diagnostics.Add(Diagnostic.Note(OnnxDiagnosticIds.BatchDimensionFixed, $"the batch dimension of graph input '{input.Name}' is {what}; it is set to 1", ModelLocation($"input '{input.Name}'")));
                dims[d] = 1;
            }
            else
            {
                var what = dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? $"symbolic ('{dim.DimParam}')" : "unknown";
                throw new OnnxImportException(OnnxDiagnosticIds.DynamicDimension, $"dimension {d} of graph input '{input.Name}' is {what}; only static shapes are supported (fix it, e.g. with onnxruntime.tools.make_dynamic_shape_fixed)");
            }
        }

        return new TensorType(elementType, OnnxTensors.Shape(dims, $"graph input '{input.Name}'"));
    }

    /// <summary>Quantized types for graph inputs and constants that the QLinear, Q and DQ nodes read.</summary>
    private void ApplyQuantizationToConstants()
    {
        foreach (var (name, quantization) in _quantization)
        {
            if (_constants.TryGetValue(name, out var data))
            {
                _constants[name] = new TensorData(data.Type.WithQuantization(quantization), data.Bytes);
            }
        }

        for (var i = 0; i < _inputs.Count; i++)
        {
            if (_quantization.TryGetValue(_inputs[i].Name, out var quantization))
            {
                var type = _inputs[i].Type.WithQuantization(quantization);
                _inputs[i] = _inputs[i].WithType(type);
                _types[_inputs[i].Name] = type;
            }
        }
    }

    /// <summary>Output value names; an output that is an alias of another value gets its own (reshape) node.</summary>
    private ImmutableArray<string> DeclareOutputs(GraphProto graph)
    {
        var outputs = ImmutableArray.CreateBuilder<string>();
        foreach (var output in graph.Output)
        {
            if (_failed.Contains(output.Name))
            {
                continue;
            }

            var location = ModelLocation($"output '{output.Name}'");
            string value;
            try
            {
                value = Materialize(output.Name);
                if (value != output.Name)
                {
                    var type = _types[value];
                    value = Emit(Ops.Reshape, [value], Attrs.Of(("shape", Attrs.Ints(type.Shape))), [output.Name], default, location)[0];
                }
            }
            catch (OnnxImportException e)
            {
                Report(e.Id, e.Message, location);
                continue;
            }

            CheckDeclaredOutput(output, _types[value], location);
            outputs.Add(value);
        }

        return outputs.ToImmutable();
    }

    private void CheckDeclaredOutput(ValueInfoProto output, TensorType actual, SourceLocation location)
    {
        if (output.Type?.TensorType is not { } declared)
        {
            return;
        }

        if (OnnxElementTypes.TryToElementType(declared.ElemType, out var elementType) && elementType != actual.ElementType)
        {
            Report(OnnxDiagnosticIds.OutputMismatch, $"graph output '{output.Name}' is declared {OnnxElementTypes.Name(declared.ElemType)} but imports as {actual}", location);
        }

        if (declared.Shape is not { } shape)
        {
            return;
        }

        var matches = shape.Dim.Count == actual.Rank;
        for (var d = 0; matches && d < actual.Rank; d++)
        {
            var dim = shape.Dim[d];
            matches = dim.ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || dim.DimValue == actual.Shape[d];
        }

        if (!matches)
        {
            var spelled = string.Join(", ", shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?"));
            Report(OnnxDiagnosticIds.OutputMismatch, $"graph output '{output.Name}' is declared [{spelled}] but imports as {actual}", location);
        }
    }
}
