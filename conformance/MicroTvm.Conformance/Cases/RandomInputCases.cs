using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;

namespace MicroTvm.Conformance.Cases;

/// <summary>
/// Models run on random inputs (<see cref="RandomTensors"/>, a fixed seed) against the reference
/// interpreter on the same inputs: the project's sample models and every corpus TFLite model.
/// </summary>
internal static class RandomInputCases
{
    private const int Seed = 20240901;

    public static IEnumerable<ConformanceCase> ProjectModels(string repoRoot) =>
    [
        For("samples/tiny_cnn.tflite", Path.Combine(repoRoot, "samples", "tiny_cnn.tflite")),
        For("samples/tiny_cnn.mir", Path.Combine(repoRoot, "samples", "tiny_cnn.mir")),
    ];

    public static IEnumerable<ConformanceCase> CorpusTflite(string corpus) =>
        Directory.EnumerateFiles(Path.Combine(corpus, "tflite"), "*.tflite").Order(StringComparer.Ordinal)
            .Select(path => For($"tflite/{Path.GetFileNameWithoutExtension(path)}", path));

    private static ConformanceCase For(string name, string path) => new(name, new ModelSource(path), module =>
    {
        var inputs = RandomTensors.ForInputs(module.Main, Seed);
        var reference = Interpreter.Run(module, inputs);
        if (!reference.Succeeded)
        {
            throw new InvalidOperationException($"the reference interpreter fails on {name}: {string.Join("; ", reference.Diagnostics)}");
        }

        return [new CaseRun($"random inputs (seed {Seed})", inputs, actual => Expected.Matches(reference.Outputs, actual, FloatTolerance.Reference))];
    });
}
