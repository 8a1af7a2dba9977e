using System.Reflection;

namespace MicroTvm.Driver.Tests;

internal static class TestPaths
{
    public static string RepoRoot => Metadata("RepoRoot");

    public static string SamplePlugin => Metadata("SamplePluginPath");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
