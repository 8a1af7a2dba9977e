using MicroTvm.Passes;

namespace MicroTvm.Driver;

/// <summary>
/// What a tool built on this library can change: its name, the passes it knows before plugins
/// are loaded, and the importers for its input formats. A fork builds its own tool by passing
/// its own configuration to <see cref="MtvmOpt.Run"/>.
/// </summary>
public sealed record DriverConfiguration(string ToolName, PassRegistry Registry, ImmutableArray<IModuleImporter> Importers)
{
    public static DriverConfiguration Default { get; } =
        new("mtvm-opt", PassRegistry.Core, [new MirImporter(), new TfliteModuleImporter(), new OnnxModuleImporter()]);

    public IModuleImporter? FindImporter(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return Importers.FirstOrDefault(i => i.Extensions.Contains(extension));
    }
}
