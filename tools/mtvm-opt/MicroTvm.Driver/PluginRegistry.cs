using MicroTvm.Passes;

namespace MicroTvm.Driver;

/// <summary>Extends a registry with the passes of <c>--load-pass-plugin</c> assemblies, reporting a plugin that cannot be loaded.</summary>
internal static class PluginRegistry
{
    public static PassRegistry? Load(PassRegistry registry, IEnumerable<string> paths, DiagnosticPrinter diagnostics)
    {
        foreach (var path in paths)
        {
            try
            {
                registry = registry.WithAssembly(PassPluginLoader.Load(path));
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or PassDeclarationException or System.Reflection.ReflectionTypeLoadException)
            {
                diagnostics.Print([Diagnostic.Error(PassDiagnosticIds.PluginLoad, $"cannot load pass plugin '{path}': {e.Message}")]);
                return null;
            }
        }

        return registry;
    }
}
