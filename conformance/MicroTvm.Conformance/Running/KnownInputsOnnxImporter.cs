using MicroTvm.Driver;
using MicroTvm.Frontend.Onnx;

namespace MicroTvm.Conformance.Running;

/// <summary>The driver's ONNX importer with known input values (an ONNX node test's inputs), so that shapes and axes fed as inputs become constants.</summary>
internal sealed class KnownInputsOnnxImporter(IReadOnlyDictionary<string, TensorData> known) : IModuleImporter
{
    private readonly OnnxModuleImporter _plain = new();

    public ImmutableArray<string> Extensions => _plain.Extensions;

    public ImportResult Import(ReadOnlyMemory<byte> bytes, string fileName) => OnnxImporter.Import(bytes, fileName, new OnnxImportOptions(known));

    public SupportReport ReportSupport(ReadOnlyMemory<byte> bytes, string fileName) => _plain.ReportSupport(bytes, fileName);
}
