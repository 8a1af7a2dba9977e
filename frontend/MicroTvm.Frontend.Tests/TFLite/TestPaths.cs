using MicroTvm.IR.Testing;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>Where the repository and the shared (externally authored) test corpus are.</summary>
internal static class TestPaths
{
    public static string RepoRoot => TestEnvironment.RepoRoot;

    /// <summary>The corpus directory, or null when this machine has none (corpus tests then skip their work).</summary>
    public static string? Corpus => TestEnvironment.Corpus;

    public static IEnumerable<string> CorpusTfliteModels() =>
        Corpus is { } corpus && Directory.Exists(Path.Combine(corpus, "tflite"))
            ? Directory.GetFiles(Path.Combine(corpus, "tflite"), "*.tflite").Order(StringComparer.Ordinal)
            : [];

}
