namespace MicroTvm.IR.Interpretation;

/// <summary>
/// The reference interpreter: the semantic oracle of the compiler. Evaluates a graph node by
/// node on host tensors. Float ops follow the ONNX operator definitions; quantized ops follow
/// TFLite's reference kernels bit for bit (or ONNX's QLinear arithmetic with
/// <c>rounding = "half_even"</c>). User errors come back as diagnostics, never as exceptions.
/// </summary>
public static class Interpreter
{
    /// <summary>Runs the module's main graph.</summary>
    public static InterpreterResult Run(Module module, IReadOnlyDictionary<string, TensorData> inputs)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.Graphs.Length == 0
            ? InterpreterResult.Failure([Diagnostic.Error(InterpreterDiagnosticIds.UnknownGraph, "the module has no graphs")])
            : Run(module, module.Main.Name, inputs);
    }

    /// <summary>Runs the graph called <paramref name="graphName"/>.</summary>
    public static InterpreterResult Run(Module module, string graphName, IReadOnlyDictionary<string, TensorData> inputs)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = module.FindGraph(graphName);
        if (graph is null)
        {
            return InterpreterResult.Failure([Diagnostic.Error(
                InterpreterDiagnosticIds.UnknownGraph,
                $"the module has no graph '{graphName}' (graphs: {string.Join(", ", module.Graphs.Select(g => g.Name))})")]);
        }

        var diagnostics = InputBinding.Check(graph, inputs);
        if (!diagnostics.IsEmpty)
        {
            return InterpreterResult.Failure(diagnostics);
        }

        var values = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            values[input.Name] = HostTensor.FromData(inputs[input.Name], input.Type);
        }

        foreach (var node in graph.Nodes)
        {
            if (Evaluate(node, values) is { } failure)
            {
                return InterpreterResult.Failure([failure]);
            }
        }

        var outputs = ImmutableDictionary.CreateBuilder<string, TensorData>(StringComparer.Ordinal);
        foreach (var name in graph.Outputs)
        {
            if (!values.TryGetValue(name, out var tensor))
            {
                return InterpreterResult.Failure([Diagnostic.Error(InterpreterDiagnosticIds.UndefinedValue, $"output '{name}' is never defined")]);
            }

            outputs[name] = tensor.ToData();
        }

        return InterpreterResult.Success(outputs.ToImmutable());
    }

    private static Diagnostic? Evaluate(Node node, Dictionary<string, HostTensor> values)
    {
        var operands = ImmutableArray.CreateBuilder<HostTensor?>(node.Operands.Length);
        foreach (var name in node.Operands)
        {
            if (name.Length == 0)
            {
                operands.Add(null);
            }
            else if (values.TryGetValue(name, out var tensor))
            {
                operands.Add(tensor);
            }
            else
            {
                return Diagnostic.Error(InterpreterDiagnosticIds.UndefinedValue, $"{Describe(node)}: operand '{name}' is not defined before it is used", node.Location);
            }
        }

        ImmutableArray<HostTensor> results;
        try
        {
            results = NodeEvaluator.Evaluate(new KernelContext(node, operands.ToImmutable(), [.. node.Results.Select(r => r.Type)]));
        }
        catch (InterpreterFailure failure)
        {
            return Diagnostic.Error(InterpreterDiagnosticIds.NodeFailed, $"{Describe(node)}: {failure.Message}", node.Location);
        }

        for (var i = 0; i < node.Results.Length; i++)
        {
            values[node.Results[i].Name] = results[i];
        }

        return null;
    }

    private static string Describe(Node node) => $"'{node.Op.Name}' producing '%{string.Join(", %", node.Results.Select(r => r.Name))}'";
}
