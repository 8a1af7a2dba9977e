using System.Runtime.CompilerServices;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>Where the shared test corpus is: <c>MTVM_CORPUS</c>, else <c>../shared/corpus</c> beside the repository.</summary>
internal static class OnnxCorpus
{
    public static string? Root { get; } = Locate();

    public static string? Path(params string[] parts) => Root is null ? null : System.IO.Path.Combine([Root, .. parts]);

    private static string? Locate([CallerFilePath] string source = "")
    {
        if (Environment.GetEnvironmentVariable("MTVM_CORPUS") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = System.IO.Path.GetDirectoryName(source); directory is not null; directory = System.IO.Path.GetDirectoryName(directory))
        {
            if (File.Exists(System.IO.Path.Combine(directory, "Directory.Build.props")))
            {
                var corpus = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, "..", "shared", "corpus"));
                return Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }
}
