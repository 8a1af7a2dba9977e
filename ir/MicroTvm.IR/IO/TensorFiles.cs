using MicroTvm.IR.Interpretation;

namespace MicroTvm.IR.IO;

/// <summary>
/// Loads a graph's inputs from a file and checks them against the graph: an <c>.npz</c> whose
/// array names are the input names, or a single <c>.npy</c> for a graph with one input.
/// Problems (unreadable file, missing or extra names, wrong dtype or shape) come back as
/// diagnostics naming the tensor and what was expected.
/// </summary>
public static class TensorFiles
{
    public static IReadOnlyDictionary<string, TensorData>? LoadInputs(Graph graph, string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(diagnostics);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Error(InterpreterDiagnosticIds.UnreadableFile, $"cannot read '{path}': {exception.Message}");
            return null;
        }

        return Bind(graph, bytes, path, diagnostics);
    }

    /// <summary>Like <see cref="LoadInputs"/> on bytes already in memory; <paramref name="source"/> names them in messages and decides .npy versus .npz.</summary>
    public static IReadOnlyDictionary<string, TensorData>? Bind(Graph graph, byte[] bytes, string source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        IReadOnlyDictionary<string, TensorData>? inputs;
        if (source.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            if (graph.Inputs.Length != 1)
            {
                diagnostics.Error(InterpreterDiagnosticIds.SingleArrayNeedsOneInput,
                    $"'{source}' holds one array but graph '{graph.Name}' has {graph.Inputs.Length} inputs ({string.Join(", ", graph.Inputs.Select(i => i.Name))}); use an .npz");
                return null;
            }

            inputs = NpyFormat.Read(bytes, source, diagnostics) is { } tensor
                ? new Dictionary<string, TensorData>(StringComparer.Ordinal) { [graph.Inputs[0].Name] = tensor }
                : null;
        }
        else
        {
            using var stream = new MemoryStream(bytes, writable: false);
            inputs = NpzArchive.Read(stream, source, diagnostics);
        }

        if (inputs is null)
        {
            return null;
        }

        var problems = InputBinding.Check(graph, inputs);
        diagnostics.AddRange(problems);
        return problems.IsEmpty ? inputs : null;
    }
}
