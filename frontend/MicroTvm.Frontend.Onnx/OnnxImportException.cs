namespace MicroTvm.Frontend.Onnx;

/// <summary>Aborts the import of one node (or of the model) with a diagnostic; never leaves the importer.</summary>
internal sealed class OnnxImportException(string id, string message) : Exception(message)
{
    public string Id { get; } = id;
}
