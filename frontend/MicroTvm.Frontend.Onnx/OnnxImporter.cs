using Google.Protobuf;

namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// Imports an ONNX model (opsets <see cref="OnnxOpsets.Min"/> to <see cref="OnnxOpsets.Max"/>,
/// static shapes, float and integer ops) into an IR module. Never throws for bad input: every
/// problem, all unsupported ops at once, comes back as a diagnostic.
/// </summary>
public static class OnnxImporter
{
    public static ImportResult Import(ReadOnlyMemory<byte> bytes, string fileName, OnnxImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new DiagnosticBag();
        var module = Run(bytes, fileName, options ?? OnnxImportOptions.Default, diagnostics, out _);
        if (module is not null)
        {
            // The importer's output must verify; a failure here is an importer bug, reported as such.
            diagnostics.AddRange(MicroTvm.IR.Verification.ModuleVerifier.Verify(module));
        }

        return new ImportResult(diagnostics.HasErrors ? null : module, diagnostics.ToImmutable());
    }

    /// <summary>One line per node of the model: name, op, domain/opset and whether (and why not) it imports.</summary>
    public static OnnxSupportReport ReportSupportedOps(ReadOnlyMemory<byte> bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new DiagnosticBag();
        Run(bytes, fileName, OnnxImportOptions.Default, diagnostics, out var importer);
        return OnnxSupportReport.Create(importer, diagnostics.ToImmutable());
    }

    private static Module? Run(ReadOnlyMemory<byte> bytes, string fileName, OnnxImportOptions options, DiagnosticBag diagnostics, out GraphImporter? importer)
    {
        importer = null;
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes.Span);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            // Google.Protobuf's span parser can also fail with an index error on truncated varints.
            diagnostics.Error(OnnxDiagnosticIds.CorruptFile, $"not a readable ONNX model (truncated or corrupt file?): {e.Message}", SourceLocation.InModel(fileName, "file"));
            return null;
        }

        importer = new GraphImporter(fileName, model, options, diagnostics);
        try
        {
            return importer.Import();
        }
        catch (OnnxImportException e)
        {
            diagnostics.Error(e.Id, e.Message, SourceLocation.InModel(fileName, "model"));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException or KeyNotFoundException or NullReferenceException)
        {
            // A bug of the importer, reported instead of crashing the caller; the message says where.
            diagnostics.Error(OnnxDiagnosticIds.InternalError, $"internal error in the ONNX importer: {e.GetType().Name}: {e.Message}", SourceLocation.InModel(fileName, "model"));
        }

        return null;
    }
}
