using MicroTvm.IR.Testing;

namespace MicroTvm.Conformance.Tests.GraphPipeline;

/// <summary>The models and pipeline of the checkout, and the shared model corpus.</summary>
internal static class ModelPaths
{
    private static string RepoRoot => TestEnvironment.RepoRoot;

    /// <summary>The corpus's TFLite folder (<c>MTVM_CORPUS</c> or <c>../shared/corpus</c>), or null when this machine has none.</summary>
    public static string? CorpusTflite
    {
        get
        {
            var tflite = TestEnvironment.CorpusPath("tflite");
            return Directory.Exists(tflite) ? tflite : null;
        }
    }

    public static string AotPipeline => Path.Combine(RepoRoot, "pipelines", "aot.pass");

    public static string TinyCnn => Path.Combine(RepoRoot, "samples", "tiny_cnn.tflite");
}
