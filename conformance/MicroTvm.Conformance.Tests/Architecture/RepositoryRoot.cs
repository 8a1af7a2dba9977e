namespace MicroTvm.Conformance.Tests.Architecture;

/// <summary>Finds the checkout the tests run from (the folder holding MicroTvm.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MicroTvm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MicroTvm.sln above {AppContext.BaseDirectory}");
    }
}
