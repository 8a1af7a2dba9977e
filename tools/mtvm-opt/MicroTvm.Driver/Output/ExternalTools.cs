using System.Diagnostics;

namespace MicroTvm.Driver.Output;

/// <summary>
/// Runs the external programs code generation needs (C compilers, archivers). A missing program is
/// installed with apt-get when running as root (non-interactively), otherwise reported naming the
/// Debian packages to install. Every run has a time limit.
/// </summary>
internal static class ExternalTools
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <summary>Makes sure <paramref name="program"/> can be run, installing <paramref name="packages"/> as root when it cannot.</summary>
    public static void Require(string program, IReadOnlyList<string> packages, TextWriter log) =>
        Require($"'{program}'", () => IsOnPath(program), packages, log);

    /// <summary>
    /// Makes sure <paramref name="isPresent"/> holds (a library, a program), installing
    /// <paramref name="packages"/> as root when it does not; otherwise reports what to install.
    /// </summary>
    public static void Require(string what, Func<bool> isPresent, IReadOnlyList<string> packages, TextWriter log)
    {
        if (isPresent())
        {
            return;
        }

        var install = $"apt-get install -y {string.Join(' ', packages)}";
        if (Environment.UserName != "root" || !IsOnPath("apt-get"))
        {
            throw new ToolException($"{what} is not installed; install it with: sudo {install}");
        }

        log.WriteLine($"{what} is not installed; installing Debian packages {string.Join(", ", packages)}");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        if (Run("apt-get", ["install", "-y", "--no-install-recommends", .. packages], null, environment).ExitCode != 0)
        {
            Run("apt-get", ["update"], null, environment);
            var retry = Run("apt-get", ["install", "-y", "--no-install-recommends", .. packages], null, environment);
            if (retry.ExitCode != 0 || !isPresent())
            {
                throw new ToolException($"installing {string.Join(", ", packages)} failed:\n{retry.Output}");
            }
        }
    }

    /// <summary>Runs a program to completion (or the time limit) and returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string program, IReadOnlyList<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new ToolException($"cannot start '{program}'");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new ToolException($"'{program} {string.Join(' ', arguments)}' did not finish within {Limit.TotalMinutes} minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
