using System.Reflection;

namespace MicroTvm.IR.Testing;

/// <summary>
/// Where tests find the checkout and the shared model corpus. The checkout is recorded at build
/// time (source paths are mapped in CI builds, so CallerFilePath cannot find it); the corpus is
/// <c>MTVM_CORPUS</c>, else <c>../shared/corpus</c> beside the checkout. Corpus tests do their work
/// only where it exists — except in CI, which always has it: there a missing corpus is an error,
/// so that a run cannot pass by silently skipping the external reference data.
/// </summary>
public static class TestEnvironment
{
    public static string RepoRoot { get; } =
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The corpus folder, or null where this machine has none (never null in CI).</summary>
    public static string? Corpus { get; } = LocateCorpus();

    /// <summary>A path inside the corpus, or null where there is no corpus.</summary>
    public static string? CorpusPath(params string[] parts) => Corpus is null ? null : Path.Combine([Corpus, .. parts]);

    private static string? LocateCorpus()
    {
        var path = Environment.GetEnvironmentVariable("MTVM_CORPUS") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));
        if (Directory.Exists(path))
        {
            return path;
        }

        return string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? throw new InvalidOperationException($"CI runs need the model corpus, but {path} does not exist (set MTVM_CORPUS)")
            : null;
    }
}
