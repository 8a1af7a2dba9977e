using System.Text;

namespace MicroTvm.Driver.Output;

/// <summary>
/// Builds the generated C into an object (and a static library) with the target's C compiler,
/// in a scratch directory holding only the model's files and the runtime's headers, so no host
/// path reaches the output. The archive is made with <c>ar D</c> (zero times and owners).
/// </summary>
internal static class ObjectBuilder
{
    public static (string Name, byte[] Bytes) CompileObject(Backends.C.CModelFiles code, CompileTarget target, TextWriter log)
    {
        ExternalTools.Require(target.Compiler, target.DebianPackages, log);
        using var scratch = new ScratchDirectory();
        WriteSources(scratch.Path, code);
        var objectName = Path.ChangeExtension(code.SourceName, ".o");
        var (exitCode, output) = ExternalTools.Run(
            target.Compiler,
            [.. target.Flags, "-Iinclude", "-Iruntime/include", "-c", code.SourceName, "-o", objectName],
            scratch.Path);
        if (exitCode != 0)
        {
            throw new ToolException($"{target.Compiler} failed to compile the generated {code.SourceName} (exit code {exitCode}):\n{output}");
        }

        return (objectName, File.ReadAllBytes(Path.Combine(scratch.Path, objectName)));
    }

    public static byte[] Archive((string Name, byte[] Bytes) objectFile, CompileTarget target, TextWriter log)
    {
        var archiver = ExternalTools.IsOnPath(target.Archiver) ? target.Archiver : "ar";
        ExternalTools.Require(archiver, ["binutils"], log);
        using var scratch = new ScratchDirectory();
        File.WriteAllBytes(Path.Combine(scratch.Path, objectFile.Name), objectFile.Bytes);
        var (exitCode, output) = ExternalTools.Run(archiver, ["rcsD", "model.a", objectFile.Name], scratch.Path);
        if (exitCode != 0)
        {
            throw new ToolException($"{archiver} failed (exit code {exitCode}):\n{output}");
        }

        return File.ReadAllBytes(Path.Combine(scratch.Path, "model.a"));
    }

    private static void WriteSources(string directory, Backends.C.CModelFiles code)
    {
        Directory.CreateDirectory(Path.Combine(directory, "include"));
        File.WriteAllText(Path.Combine(directory, "include", code.HeaderName), code.Header, Encoding.UTF8);
        File.WriteAllText(Path.Combine(directory, code.SourceName), code.Source, Encoding.UTF8);
        foreach (var (path, bytes) in EmbeddedFiles.Under("runtime/include/"))
        {
            var target = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
        }
    }

    private sealed class ScratchDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mtvm-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
