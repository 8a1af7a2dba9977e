using System.Reflection;
using System.Runtime.Loader;

namespace MicroTvm.Passes;

/// <summary>
/// Loads a pass plugin (<c>--load-pass-plugin Fork.Passes.dll</c>) into a context of its own
/// that shares every assembly the host can load itself — above all MicroTvm.IR and
/// MicroTvm.Passes, so that the plugin's passes derive from the host's <see cref="Pass"/> — and
/// resolves the plugin's other dependencies from its own directory.
/// </summary>
public static class PassPluginLoader
{
    public static Assembly Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"no such file '{fullPath}'", fullPath);
        }

        return new PluginLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
    }

    private sealed class PluginLoadContext(string path) : AssemblyLoadContext($"pass plugin {Path.GetFileName(path)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                return _resolver.ResolveAssemblyToPath(assemblyName) is { } dependency ? LoadFromAssemblyPath(dependency) : null;
            }
        }
    }
}
