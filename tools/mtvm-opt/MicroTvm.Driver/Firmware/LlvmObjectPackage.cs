using System.Text.Json;

namespace MicroTvm.Driver.Firmware;

/// <summary>
/// The LLVM object of a Model Library Format archive compiled with <c>--target llvm</c>
/// (metadata.json's <c>target.backend</c>), which firmware links instead of compiling the C source.
/// </summary>
internal static class LlvmObjectPackage
{
    /// <summary>The object's path, or null when the archive was made by the C backend; an object for another CPU than the board's is an error.</summary>
    public static string? ObjectFor(MlfPackage package, Board board)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(package.Directory, "metadata.json")));
        if (!document.RootElement.TryGetProperty("target", out var target)
            || !target.TryGetProperty("backend", out var backend) || backend.GetString() != "llvm")
        {
            return null;
        }

        var cpu = target.TryGetProperty("cpu", out var cpuText) ? cpuText.GetString() : null;
        if (cpu != board.Cpu)
        {
            throw new UsageException($"model '{package.Name}' was compiled by LLVM for {cpu}; board {board.Name} needs {board.Cpu} (compile with --target llvm -mcpu={board.Cpu})");
        }

        var path = Path.Combine(package.Directory, "codegen", "host", "lib", $"mtvmgen_{package.CName}.o");
        return File.Exists(path)
            ? path
            : throw new UsageException($"model '{package.Name}' was compiled by LLVM but its archive has no codegen/host/lib/mtvmgen_{package.CName}.o");
    }
}
