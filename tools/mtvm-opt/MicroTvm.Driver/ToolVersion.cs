using System.Reflection;

namespace MicroTvm.Driver;

/// <summary>The tool's version (Directory.Build.props' Version), as recorded in generated code and metadata.json.</summary>
internal static class ToolVersion
{
    public static string Text { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";
}
