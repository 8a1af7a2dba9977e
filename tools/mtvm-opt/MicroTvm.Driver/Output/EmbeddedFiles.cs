using System.Reflection;

namespace MicroTvm.Driver.Output;

/// <summary>
/// Files built into the tool (see MicroTvm.Driver.csproj): the C runtime's sources under
/// <c>runtime/</c>, the firmware templates under <c>templates/</c> and the pipelines under
/// <c>pipelines/</c>, by their path relative to that folder.
/// </summary>
internal static class EmbeddedFiles
{
    private static readonly Assembly Assembly = typeof(EmbeddedFiles).Assembly;

    /// <summary>The files under <paramref name="folder"/> (e.g. "runtime/"), by full logical path, sorted.</summary>
    public static SortedDictionary<string, byte[]> Under(string folder)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in Assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder, StringComparison.Ordinal)))
        {
            files[name] = Read(name);
        }

        return files;
    }

    public static byte[] Read(string path)
    {
        using var stream = Assembly.GetManifestResourceStream(path) ?? throw new InvalidOperationException($"the tool was built without '{path}'");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
