using MicroTvm.IR.Testing;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>Where the shared test corpus is: <c>MTVM_CORPUS</c>, else <c>../shared/corpus</c> beside the repository.</summary>
internal static class OnnxCorpus
{
    public static string? Root => TestEnvironment.Corpus;

    public static string? Path(params string[] parts) => Root is null ? null : System.IO.Path.Combine([Root, .. parts]);
}
