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
}
