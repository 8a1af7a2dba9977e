using System.Diagnostics;

namespace MicroTvm.Backends.C.Tests;

/// <summary>Runs a C compiler (or a compiled program) in a scratch directory and reports what it printed.</summary>
public static class CCompiler
{
    public const string StrictFlags = "-std=c99 -Wall -Wextra -Werror -pedantic";

    public static bool IsAvailable(string compiler) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, compiler)));

    /// <summary>Compiles (and with <paramref name="output"/> ending in no ".o", links) <paramref name="source"/>; throws with the compiler's messages on failure.</summary>
    public static void Compile(string compiler, string source, string output, string flags, string libraries = "")
    {
        var (exitCode, stdout, stderr) = Run(compiler, $"{flags} -I{TestPaths.RuntimeInclude} {source} -o {output} {libraries}");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{compiler} {flags} failed ({exitCode}):\n{stderr}{stdout}");
        }
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
