namespace MicroTvm.Driver;

/// <summary>
/// Turns an input file into a module: the seam model frontends plug into. The driver picks the
/// importer by file extension.
/// </summary>
public interface IModuleImporter
{
    /// <summary>Lower-case extensions with the dot, e.g. <c>.tflite</c>.</summary>
    ImmutableArray<string> Extensions { get; }

    ImportResult Import(ReadOnlyMemory<byte> bytes, string fileName);

    /// <summary>Says, before any compile, which ops of the model are supported, listing every unsupported one.</summary>
    SupportReport ReportSupport(ReadOnlyMemory<byte> bytes, string fileName);
}
