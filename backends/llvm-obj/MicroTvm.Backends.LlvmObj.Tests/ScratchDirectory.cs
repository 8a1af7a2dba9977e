namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>A fresh directory under the system temp directory, deleted when disposed.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mtvm-llvm-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
