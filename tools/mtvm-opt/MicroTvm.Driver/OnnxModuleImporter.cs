using MicroTvm.Frontend.Onnx;

namespace MicroTvm.Driver;

/// <summary>ONNX protobuf models through the ONNX frontend.</summary>
public sealed class OnnxModuleImporter : IModuleImporter
{
    public ImmutableArray<string> Extensions { get; } = [".onnx"];

    public ImportResult Import(ReadOnlyMemory<byte> bytes, string fileName) => OnnxImporter.Import(bytes, fileName);

    public SupportReport ReportSupport(ReadOnlyMemory<byte> bytes, string fileName)
    {
        var report = OnnxImporter.ReportSupportedOps(bytes, fileName);
        return new SupportReport([.. report.ToLines()], report.AllSupported, report.Diagnostics);
    }
}
