using MicroTvm.Frontend.Onnx;
using Xunit.Abstractions;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>The corpus's other ONNX models import and verify, or are refused with clear (non-internal) diagnostics.</summary>
public sealed class OnnxCorpusModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("onnx-models")]
    [InlineData("onnx-light")]
    [InlineData("onnx-simple")]
    [InlineData("onnx-pytorch-converted")]
    [InlineData("onnx-pytorch-operator")]
    public void Corpus_models_import_or_are_refused_clearly(string directory)
    {
        if (OnnxCorpus.Path(directory) is not { } path || !Directory.Exists(path))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(path, "*.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var result = OnnxImporter.Import(File.ReadAllBytes(file), Path.GetFileName(file));
            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            output.WriteLine($"{Path.GetRelativePath(path, file)}: {(result.Module is null ? "refused: " + errors.First() : "imported")}");
            Assert.True(result.Module is not null || errors.Count > 0, $"{file}: neither a module nor an error");
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == OnnxDiagnosticIds.InternalError || (result.Module is null && d.Id.StartsWith("MTVM1", StringComparison.Ordinal)));
        }
    }
}
