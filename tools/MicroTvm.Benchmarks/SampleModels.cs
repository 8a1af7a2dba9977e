using System.Reflection;

namespace MicroTvm.Benchmarks;

/// <summary>The models benchmarks run on: the project's own samples.</summary>
internal static class SampleModels
{
    public static string RepoRoot { get; } =
        typeof(SampleModels).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static byte[] TinyCnnTflite => File.ReadAllBytes(Path.Combine(RepoRoot, "samples", "tiny_cnn.tflite"));
}
