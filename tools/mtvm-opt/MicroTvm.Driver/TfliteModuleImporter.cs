using MicroTvm.Frontend.TFLite;

namespace MicroTvm.Driver;

/// <summary>TFLite flatbuffers through the TFLite frontend.</summary>
public sealed class TfliteModuleImporter : IModuleImporter
{
    public ImmutableArray<string> Extensions { get; } = [".tflite"];

    public ImportResult Import(ReadOnlyMemory<byte> bytes, string fileName) => TfliteImporter.Import(bytes, fileName);

    public SupportReport ReportSupport(ReadOnlyMemory<byte> bytes, string fileName)
    {
        var report = TfliteImporter.SupportedOps(bytes, fileName);
        return new SupportReport([.. report.Operators.Select(o => o.ToString())], report.AllSupported, report.Diagnostics);
    }
}
