using MicroTvm.Conformance.Cases;

namespace MicroTvm.Conformance.Running;

/// <summary>Every case of the suite: the project's models, then the corpus's TFLite models, upstream's expectations and the core ONNX node tests.</summary>
internal static class CaseCatalog
{
    public static IReadOnlyList<ConformanceCase> All(string repoRoot, string corpus) =>
    [
        .. RandomInputCases.ProjectModels(repoRoot),
        .. RandomInputCases.CorpusTflite(corpus),
        .. ExpectationCases.All(corpus),
        .. OnnxNodeCases.Core(corpus),
    ];
}
