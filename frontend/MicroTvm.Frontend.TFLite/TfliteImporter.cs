using MicroTvm.Frontend.TFLite.FlatBuffers;
using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Importing;
using MicroTvm.Frontend.TFLite.Schema;

namespace MicroTvm.Frontend.TFLite;

/// <summary>
/// Imports a .tflite model into the graph IR. Never throws for a bad file: every problem,
/// including every unsupported operator, comes back as a diagnostic (ids MTVM3000–MTVM3499).
/// </summary>
public static class TfliteImporter
{
    public static ImportResult Import(ReadOnlyMemory<byte> bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var (module, log, _) = Run(bytes, fileName);
        return new ImportResult(log.HasErrors ? null : module, log.Diagnostics);
    }

    /// <summary>Every operator of the main subgraph with whether it imports and, if not, why.</summary>
    public static SupportedOpsReport SupportedOps(ReadOnlyMemory<byte> bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var (_, log, model) = Run(bytes, fileName);
        if (model is null || model.Subgraphs.IsEmpty)
        {
            return new SupportedOpsReport([], log.Diagnostics);
        }

        var subgraph = model.Subgraphs[0];
        var operators = ImmutableArray.CreateBuilder<OperatorSupport>(subgraph.Operators.Length);
        for (var i = 0; i < subgraph.Operators.Length; i++)
        {
            var op = subgraph.Operators[i];
            var name = op.OpcodeIndex < model.OperatorCodes.Length ? model.OperatorCodes[(int)op.OpcodeIndex].DisplayName : $"opcode {op.OpcodeIndex}";
            var errors = log.ErrorsOf(i);
            operators.Add(new OperatorSupport(i, name, errors.Count == 0, errors.Count == 0 ? null : string.Join("; ", errors.Select(Reason))));
        }

        var general = log.Diagnostics.Where(d => !Enumerable.Range(0, subgraph.Operators.Length).Any(i => log.ErrorsOf(i).Contains(d)));
        return new SupportedOpsReport(operators.MoveToImmutable(), [.. general]);
    }

    private static (IR.Module? Module, ImportLog Log, TfliteModel? Model) Run(ReadOnlyMemory<byte> bytes, string fileName)
    {
        var log = new ImportLog(fileName);
        var buffer = new FlatBuffer(bytes);
        TfliteModel model;
        try
        {
            if (bytes.Length >= 8 && buffer.FileIdentifier() != Fields.FileIdentifier)
            {
                log.Error(TfliteDiagnosticIds.BadFileIdentifier, $"the file identifier is '{Printable(buffer.FileIdentifier())}', not '{Fields.FileIdentifier}': not a TFLite model");
                return (null, log, null);
            }

            model = TfliteModelReader.Read(buffer);
        }
        catch (FlatBufferException e)
        {
            log.Error(TfliteDiagnosticIds.CorruptFile, $"the file is truncated or corrupt: {e.Message}");
            return (null, log, null);
        }

        if (model.Version != Fields.SchemaVersion)
        {
            log.Error(TfliteDiagnosticIds.UnsupportedVersion, $"schema version {model.Version} is not supported (expected {Fields.SchemaVersion})");
            return (null, log, model);
        }

        if (model.Subgraphs.IsEmpty)
        {
            log.Error(TfliteDiagnosticIds.NoSubgraph, "the model has no subgraph");
            return (null, log, model);
        }

        if (model.Subgraphs.Length > 1)
        {
            log.Note(TfliteDiagnosticIds.ExtraSubgraphs, $"the model has {model.Subgraphs.Length} subgraphs; only the first is imported");
        }

        var graph = new SubgraphImporter(model, model.Subgraphs[0], log).Import();
        var offline = OfflineMemoryAllocation.Read(model, log);
        if (graph is null || log.HasErrors)
        {
            return (null, log, model);
        }

        var attributes = ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal);
        if (offline is not null)
        {
            attributes = attributes.Add(OfflineMemoryAllocation.AttributeName, offline);
        }

        return (new IR.Module([graph], attributes), log, model);
    }

    private static string Reason(Diagnostic diagnostic)
    {
        var message = diagnostic.Message;
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return $"{(colon >= 0 ? message[(colon + 3)..] : message)} [{diagnostic.Id}]";
    }

    private static string Printable(string identifier) =>
        new([.. identifier.Select(ch => ch is >= ' ' and <= '~' ? ch : '?')]);
}
