using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.C.Tests;

internal static class TestPaths
{
    public static string RuntimeInclude { get; } = Path.Combine(TestEnvironment.RepoRoot, "runtime", "crt", "include");
}
