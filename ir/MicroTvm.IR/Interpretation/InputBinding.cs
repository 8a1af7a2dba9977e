namespace MicroTvm.IR.Interpretation;

/// <summary>Checks host tensors against a graph's inputs: every input present, none extra, element type and shape as declared.</summary>
public static class InputBinding
{
    public static ImmutableArray<Diagnostic> Check(Graph graph, IReadOnlyDictionary<string, TensorData> inputs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(inputs);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            expected.Add(input.Name);
            var type = input.Type;
            if (!inputs.TryGetValue(input.Name, out var data))
            {
                diagnostics.Add(Diagnostic.Error(
                    InterpreterDiagnosticIds.MissingInput,
                    $"input '{input.Name}' is missing: expected {type.ElementType.Mnemonic()} of shape {FormatShape(type.Shape)}"));
            }
            else if (data.Type.ElementType != type.ElementType)
            {
                diagnostics.Add(Diagnostic.Error(
                    InterpreterDiagnosticIds.InputElementType,
                    $"input '{input.Name}' has element type {data.Type.ElementType.Mnemonic()}, expected {type.ElementType.Mnemonic()}"));
            }
            else if (!data.Type.Shape.SequenceEqual(type.Shape))
            {
                diagnostics.Add(Diagnostic.Error(
                    InterpreterDiagnosticIds.InputShape,
                    $"input '{input.Name}' has shape {FormatShape(data.Type.Shape)}, expected {FormatShape(type.Shape)}"));
            }
        }

        foreach (var name in inputs.Keys.Where(name => !expected.Contains(name)).Order(StringComparer.Ordinal))
        {
            diagnostics.Add(Diagnostic.Error(
                InterpreterDiagnosticIds.UnexpectedInput,
                $"'{name}' is not an input of graph '{graph.Name}' (inputs: {string.Join(", ", graph.Inputs.Select(i => i.Name))})"));
        }

        return diagnostics.ToImmutable();
    }

    public static string FormatShape(ImmutableArray<int> shape) => $"[{string.Join(", ", shape)}]";
}
