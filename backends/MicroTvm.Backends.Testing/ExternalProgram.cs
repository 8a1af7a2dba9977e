using System.Diagnostics;

namespace MicroTvm.Backends.Testing;

/// <summary>Runs external programs (compilers, readelf, compiled harnesses) with a time limit and reports what they printed.</summary>
public static class ExternalProgram
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static bool IsAvailable(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));

    public static (int ExitCode, string Stdout, string Stderr) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Limit.TotalMinutes} minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a program that must succeed; a failure throws with its command line and output.</summary>
    public static string Check(string program, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = Run(program, arguments);
        return exitCode == 0
            ? stdout
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exitCode}):\n{stderr}{stdout}");
    }
}
