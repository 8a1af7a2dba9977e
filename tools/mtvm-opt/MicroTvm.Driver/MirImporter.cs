using System.Text;
using MicroTvm.IR.Text;

namespace MicroTvm.Driver;

/// <summary>Reads the IR text format.</summary>
public sealed class MirImporter : IModuleImporter
{
    public ImmutableArray<string> Extensions { get; } = [".mir"];

    public ImportResult Import(ReadOnlyMemory<byte> bytes, string fileName)
    {
        var parsed = ModuleParser.Parse(Encoding.UTF8.GetString(bytes.Span), fileName);
        return new ImportResult(parsed.Module, parsed.Diagnostics);
    }

    /// <summary>Every op the text format parses is a catalog op, so the report lists the nodes as supported.</summary>
    public SupportReport ReportSupport(ReadOnlyMemory<byte> bytes, string fileName)
    {
        var parsed = Import(bytes, fileName);
        var lines = parsed.Module is null
            ? []
            : parsed.Module.Graphs.SelectMany(graph => graph.Nodes.Select((node, index) => $"@{graph.Name} {index}: {node.Op.Name}: supported"));
        return new SupportReport([.. lines], parsed.Module is not null, parsed.Diagnostics);
    }
}
