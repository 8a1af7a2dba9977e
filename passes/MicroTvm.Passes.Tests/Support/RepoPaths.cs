using MicroTvm.IR.Testing;

namespace MicroTvm.Passes.Tests.Support;

internal static class RepoPaths
{
    public static string Root => TestEnvironment.RepoRoot;

    public static string PassTests => Path.Combine(Root, "passes", "test");
}
