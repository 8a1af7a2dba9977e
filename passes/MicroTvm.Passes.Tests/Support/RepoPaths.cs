using System.Reflection;

namespace MicroTvm.Passes.Tests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string PassTests => Path.Combine(Root, "passes", "test");
}
