using System.Globalization;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;

namespace MicroTvm.Conformance.Cases;

/// <summary>
/// Every ONNX backend node test of the corpus's <c>core</c> tier (<c>onnx-node/INDEX.tsv</c>):
/// test_data_set_0's inputs in, its outputs expected (floats rtol 1e-5 / atol 1e-6, integers
/// exactly). All test inputs are offered to the importer as known values; it binds those it needs
/// as constants (shapes, axes) and drops them from the graph, and the rest are the firmware's inputs.
/// </summary>
internal static class OnnxNodeCases
{
    /// <summary>
    /// ONNX's own runner's tolerance (the corpus MANIFEST): some test files hold their expected
    /// values to a few digits (test_averagepool_2d_ceil_last_window_starts_on_pad: 0.1511). A run
    /// that misses the file at rtol 1e-5 still passes when it matches the reference interpreter at
    /// rtol 1e-5 and the file at this tolerance: the firmware is held to the suite's tolerance
    /// against the oracle, the file only to the precision it documents.
    /// </summary>
    private static readonly FloatTolerance OnnxRunnerTolerance = new(1e-3, 1e-7);

    public static IEnumerable<ConformanceCase> Core(string corpus)
    {
        var root = Path.Combine(corpus, "onnx-node");
        foreach (var row in File.ReadLines(Path.Combine(root, "INDEX.tsv")).Skip(1).Select(line => line.Split('\t')))
        {
            if (row.Length > 1 && row[1] == "core")
            {
                yield return Case(Path.Combine(root, row[0]), row[0]);
            }
        }
    }

    private static ConformanceCase Case(string directory, string name)
    {
        var model = Path.Combine(directory, "model.onnx");
        List<(string Name, TensorData Data)> inputs, outputs;
        try
        {
            inputs = Read(directory, "input_");
            outputs = Read(directory, "output_");
        }
        catch (NotSupportedException e)
        {
            return new ConformanceCase($"onnx/{name}", new ModelSource(model), _ => [], $"test data: {e.Message}");
        }

        var known = inputs.ToDictionary(i => i.Name, i => i.Data, StringComparer.Ordinal);
        return new ConformanceCase($"onnx/{name}", new ModelSource(model, known), module =>
        {
            var bound = module.Main.Inputs.ToDictionary(i => i.Name, i => new TensorData(i.Type, known[i.Name].Bytes), StringComparer.Ordinal);
            var expected = module.Main.Outputs.Select((o, i) => (o, outputs[i].Data)).ToDictionary(p => p.o, p => p.Data, StringComparer.Ordinal);
            var reference = Interpreter.Run(module, bound);
            return [new CaseRun("test_data_set_0", bound, firmware =>
            {
                // The compiled model may rename an output (a copy of a constant or an input): outputs pair by position.
                var actual = module.Main.Outputs.Zip(firmware.Values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
                var problem = Expected.Matches(expected, actual, FloatTolerance.Reference);
                return problem is null || !reference.Succeeded
                    || Expected.Matches(reference.Outputs, actual, FloatTolerance.Reference) is not null
                    || Expected.Matches(expected, actual, OnnxRunnerTolerance) is not null
                    ? problem
                    : null;
            })];
        });
    }

    private static List<(string Name, TensorData Data)> Read(string directory, string prefix) =>
    [
        .. Directory.GetFiles(Path.Combine(directory, "test_data_set_0"), prefix + "*.pb")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[prefix.Length..], CultureInfo.InvariantCulture))
            .Select(TensorProtoReader.Read),
    ];
}
