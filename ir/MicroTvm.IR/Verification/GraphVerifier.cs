namespace MicroTvm.IR.Verification;

/// <summary>
/// Verifies one graph in a single walk over its nodes in order: a value is usable once it has
/// been defined above, which checks topological order, undefined names and types together.
/// A node whose operands or attributes are broken is not type-inferred (the inference would
/// only repeat the problem).
/// </summary>
internal sealed class GraphVerifier
{
    private readonly Graph _graph;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, TensorType> _defined = new(StringComparer.Ordinal);

    private GraphVerifier(Graph graph, DiagnosticBag diagnostics)
    {
        _graph = graph;
        _diagnostics = diagnostics;
    }

    public static void Verify(Graph graph, DiagnosticBag diagnostics) => new GraphVerifier(graph, diagnostics).Run();

    private void Run()
    {
        foreach (var input in _graph.Inputs)
        {
            Define(input, $"graph '{_graph.Name}'", location: null);
        }

        for (var n = 0; n < _graph.Nodes.Length; n++)
        {
            var node = _graph.Nodes[n];
            var place = Describe(node, n);
            VerifyNode(node, place);
            foreach (var result in node.Results)
            {
                Define(result, place, node.Location);
            }
        }

        foreach (var output in _graph.Outputs)
        {
            if (!_defined.ContainsKey(output))
            {
                _diagnostics.Error(VerifierDiagnosticIds.UndefinedGraphOutput, $"graph '{_graph.Name}': output '%{output}' is not defined");
            }
        }
    }

    private void Define(Value value, string place, SourceLocation? location)
    {
        if (!_defined.TryAdd(value.Name, value.Type))
        {
            _diagnostics.Error(VerifierDiagnosticIds.DuplicateValueName, $"{place}: value name '%{value.Name}' is already defined in this graph", location);
        }

        Report(QuantizationRules.Check(value), place, location);
    }

    private void VerifyNode(Node node, string place)
    {
        var structural = OperandArityRules.Check(node).Concat(AttributeRules.Check(node)).ToList();
        Report(structural, place, node.Location);
        var operandTypes = ResolveOperands(node, place, out var resolved);
        Report(ElementTypeRules.Check(node, operandTypes), place, node.Location);
        Report(ActivationRules.Check(node), place, node.Location);
        if (structural.Count > 0 || !resolved)
        {
            return;
        }

        var inferred = TypeInferenceRunner.Infer(node, operandTypes, out var errors);
        foreach (var error in errors)
        {
            _diagnostics.Error(VerifierDiagnosticIds.TypeInferenceFailed, $"{place}: type inference failed: {error}", node.Location);
        }

        if (inferred.IsDefault)
        {
            return;
        }

        if (inferred.Length != node.Results.Length)
        {
            _diagnostics.Error(
                VerifierDiagnosticIds.ResultCount,
                $"{place}: {node.Op.Name} yields {inferred.Length} result(s) here but the node declares {node.Results.Length}",
                node.Location);
            return;
        }

        for (var i = 0; i < inferred.Length; i++)
        {
            var declared = node.Results[i].Type;
            if (inferred[i].Equals(declared))
            {
                continue;
            }

            if (ReferenceEquals(node.Op, Ops.Constant))
            {
                _diagnostics.Error(
                    VerifierDiagnosticIds.ConstantTypeMismatch,
                    $"{place}: the constant's value is {TypeSpelling.Of(inferred[i])} but its result is declared {TypeSpelling.Of(declared)}",
                    node.Location);
            }
            else
            {
                _diagnostics.Error(
                    VerifierDiagnosticIds.ResultTypeMismatch,
                    $"{place}: result {i} '%{node.Results[i].Name}': expected {TypeSpelling.Of(inferred[i])} but declared {TypeSpelling.Of(declared)}",
                    node.Location);
            }
        }
    }

    private ImmutableArray<TensorType?> ResolveOperands(Node node, string place, out bool resolved)
    {
        resolved = true;
        var types = ImmutableArray.CreateBuilder<TensorType?>(node.Operands.Length);
        for (var i = 0; i < node.Operands.Length; i++)
        {
            var name = node.Operands[i];
            if (name.Length == 0)
            {
                types.Add(null);
                continue;
            }

            if (_defined.TryGetValue(name, out var type))
            {
                types.Add(type);
                continue;
            }

            resolved = false;
            types.Add(null);
            if (_graph.Index.FindValue(name) is not null)
            {
                _diagnostics.Error(
                    VerifierDiagnosticIds.UseBeforeDefinition,
                    $"{place}: operand {i} '%{name}' is used before it is defined (nodes must be in topological order)",
                    node.Location);
            }
            else
            {
                _diagnostics.Error(VerifierDiagnosticIds.UndefinedValue, $"{place}: operand {i} '%{name}' is not defined", node.Location);
            }
        }

        return types.MoveToImmutable();
    }

    private void Report(IEnumerable<Problem> problems, string place, SourceLocation? location)
    {
        foreach (var problem in problems)
        {
            _diagnostics.Error(problem.Id, $"{place}: {problem.Message}", location);
        }
    }

    /// <summary>Names a node as the IR reads: <c>graph 'main', %y = conv</c>.</summary>
    private string Describe(Node node, int index) =>
        node.Results.Length > 0
            ? $"graph '{_graph.Name}', %{node.Results[0].Name} = {node.Op.Name}"
            : $"graph '{_graph.Name}', node {index} ({node.Op.Name})";
}
