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

        var arguments = graph.Inputs.Select(input => HostTensor.FromData(inputs[input.Name], input.Type)).ToImmutableArray();
        try
        {
            var results = RunGraph(module, graph, arguments, []);
            var outputs = ImmutableDictionary.CreateBuilder<string, TensorData>(StringComparer.Ordinal);
            for (var i = 0; i < graph.Outputs.Length; i++)
            {
                outputs[graph.Outputs[i]] = results[i].ToData();
            }

            return InterpreterResult.Success(outputs.ToImmutable());
        }
        catch (GraphFailure failure)
        {
            return InterpreterResult.Failure([failure.Diagnostic]);
        }
    }

    /// <summary>
    /// Evaluates <paramref name="graph"/> on host tensors, one per input. <paramref name="callers"/>
    /// are the graphs whose <c>call</c> nodes led here, so that recursion fails instead of overflowing
    /// the stack. The first failing node stops the run with a <see cref="GraphFailure"/>.
    /// </summary>
    private static ImmutableArray<HostTensor> RunGraph(Module module, Graph graph, ImmutableArray<HostTensor> arguments, ImmutableStack<string> callers)
    {
        var values = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Inputs.Length; i++)
        {
            values[graph.Inputs[i].Name] = arguments[i];
        }

        var inside = callers.Push(graph.Name);
        foreach (var node in graph.Nodes)
        {
            if (Evaluate(node, values, (callee, operands) => RunCallee(module, callee, operands, inside), module.FindKernel) is { } failure)
            {
                throw new GraphFailure(failure);
            }
        }

        var results = ImmutableArray.CreateBuilder<HostTensor>(graph.Outputs.Length);
        foreach (var name in graph.Outputs)
        {
            results.Add(values.TryGetValue(name, out var tensor)
                ? tensor
                : throw new GraphFailure(Diagnostic.Error(InterpreterDiagnosticIds.UndefinedValue, $"output '{name}' is never defined")));
        }

        return results.MoveToImmutable();
    }

    /// <summary>The <c>call</c> kernel's way into the module; problems become the call node's failure.</summary>
    private static ImmutableArray<HostTensor> RunCallee(Module module, string name, ImmutableArray<HostTensor> arguments, ImmutableStack<string> callers)
    {
        var callee = module.FindGraph(name) ?? throw new InterpreterFailure($"the module has no graph '{name}'");
        if (callers.Contains(name))
        {
            throw new InterpreterFailure($"graph '{name}' calls itself (through {string.Join(" <- ", callers)})");
        }

        if (callee.Inputs.Length != arguments.Length)
        {
            throw new InterpreterFailure($"graph '{name}' takes {callee.Inputs.Length} input(s) but the call passes {arguments.Length}");
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (!arguments[i].Type.Equals(callee.Inputs[i].Type))
            {
                throw new InterpreterFailure($"argument {i} is {arguments[i].Type} but graph '{name}' takes {callee.Inputs[i].Type}");
            }
        }

        try
        {
            return RunGraph(module, callee, arguments, callers);
        }
        catch (GraphFailure failure)
        {
            throw new InterpreterFailure($"in graph '{name}': {failure.Diagnostic.Message}");
        }
    }

    private static Diagnostic? Evaluate(
        Node node, Dictionary<string, HostTensor> values, Func<string, ImmutableArray<HostTensor>, ImmutableArray<HostTensor>> runGraph,
        Func<string, Kernels.KernelFunction?> findKernel)
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
            var context = new KernelContext(node, operands.ToImmutable(), [.. node.Results.Select(r => r.Type)]) { RunGraph = runGraph, FindKernel = findKernel };
            results = NodeEvaluator.Evaluate(context);
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
