using System.Reflection;

namespace MicroTvm.Backends.C.Tests;

internal static class TestPaths
{
    public static string RepoRoot { get; } = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "MicroTvmRepoRoot").Value!;

    public static string RuntimeInclude { get; } = Path.Combine(RepoRoot, "runtime", "crt", "include");
}
