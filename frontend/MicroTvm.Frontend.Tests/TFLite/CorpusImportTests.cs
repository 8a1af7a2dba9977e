using MicroTvm.Frontend.TFLite;
using MicroTvm.IR;
using Xunit.Abstractions;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>The externally authored models of the shared corpus (skipped where the corpus is absent).</summary>
public sealed class CorpusImportTests(ITestOutputHelper output)
{
    private static readonly string[] AudioPreprocessorUnsupported =
    [
        "CUSTOM(SignalWindow)", "CUSTOM(SignalFftAutoScale)", "CUSTOM(SignalRfft)", "CUSTOM(SignalEnergy)",
        "CUSTOM(SignalFilterBank)", "CUSTOM(SignalFilterBankSquareRoot)", "CUSTOM(SignalFilterBankSpectralSubtraction)",
        "CUSTOM(SignalPCAN)", "CUSTOM(SignalFilterBankLog)",
    ];

    [Fact]
    public void EveryCorpusModelImportsAndVerifies()
    {
        foreach (var path in TestPaths.CorpusTfliteModels().Where(p => !Path.GetFileName(p).StartsWith("audio_preprocessor_", StringComparison.Ordinal)))
        {
            var module = Imports.ImportAndVerify(File.ReadAllBytes(path), Path.GetFileName(path));
            output.WriteLine($"{Path.GetFileName(path)}: {module.Main.Nodes.Length} nodes, ops {string.Join(", ", module.Main.Nodes.Select(n => n.Op.Name).Where(n => n != "constant").Distinct())}");
        }
    }

    [Fact]
    public void AudioPreprocessorsAreRefusedWithEveryUnsupportedOpListed()
    {
        foreach (var path in TestPaths.CorpusTfliteModels().Where(p => Path.GetFileName(p).StartsWith("audio_preprocessor_", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(path);
            var result = Imports.ImportFailing(bytes, Path.GetFileName(path));
            var report = TfliteImporter.SupportedOps(bytes, Path.GetFileName(path));
            output.WriteLine($"{Path.GetFileName(path)}:\n{string.Join("\n", report.Operators)}");
            var unsupported = report.Unsupported.Select(o => o.OpName).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(AudioPreprocessorUnsupported.Order(StringComparer.Ordinal), unsupported);
            Assert.All(report.Unsupported, o => Assert.Contains(result.Diagnostics, d => d.Message.StartsWith($"operator {o.Index} ", StringComparison.Ordinal)));
        }
    }
}
