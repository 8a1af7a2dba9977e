namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>
/// Ends the import of one operator with a diagnostic; the importer catches it, records the
/// diagnostic and goes on with the next operator so that one run lists every problem.
/// A null id means the operator depends on one that already failed: nothing more to report.
/// </summary>
internal sealed class OperatorImportException(string? id, string message) : Exception(message)
{
    public string? Id { get; } = id;
}
