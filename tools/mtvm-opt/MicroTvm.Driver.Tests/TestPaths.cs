using System.Reflection;
using MicroTvm.IR.Testing;

namespace MicroTvm.Driver.Tests;

internal static class TestPaths
{
    public static string RepoRoot => TestEnvironment.RepoRoot;

    /// <summary>The sample plugin's assembly, built for these tests (see the project file).</summary>
    public static string SamplePlugin =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SamplePluginPath").Value!;
}
