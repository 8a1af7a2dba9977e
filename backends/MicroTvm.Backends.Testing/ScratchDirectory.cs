namespace MicroTvm.Backends.Testing;

/// <summary>A fresh directory under the system temp directory, deleted when disposed.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mtvm-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
