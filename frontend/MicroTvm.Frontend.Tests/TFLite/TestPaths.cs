namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>Where the repository and the shared (externally authored) test corpus are.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The corpus directory, or null when this machine has none (corpus tests then skip their work).</summary>
    public static string? Corpus
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("MTVM_CORPUS") ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));
            return Directory.Exists(path) ? path : null;
        }
    }

    public static IEnumerable<string> CorpusTfliteModels() =>
        Corpus is { } corpus && Directory.Exists(Path.Combine(corpus, "tflite"))
            ? Directory.GetFiles(Path.Combine(corpus, "tflite"), "*.tflite").Order(StringComparer.Ordinal)
            : [];

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MicroTvm.sln")))
            {
                return dir.FullName;
            }
        }

        // Built with an artifacts path outside the repository: fall back to the source location.
        return Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", ".."));
    }

    private static string ThisDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
