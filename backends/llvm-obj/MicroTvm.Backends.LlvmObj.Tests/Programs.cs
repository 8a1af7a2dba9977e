using System.Diagnostics;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>Runs external programs (gcc, readelf, the compiled harnesses) and reports what they printed.</summary>
internal static class Programs
{
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
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 5 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a program that must succeed; a failure shows its command line and output.</summary>
    public static string Check(string program, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = Run(program, arguments);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({exitCode}):\n{stderr}{stdout}");
        return stdout;
    }
}
