using System.Globalization;
using MicroTvm.Driver.Micro;
using MicroTvm.Driver.Output;

namespace MicroTvm.Driver.Firmware;

/// <summary>
/// Builds a project's firmware with its Makefile (see <see cref="MicroProject"/>), checks its flash
/// and RAM use, and runs it: natively for <c>host</c>, under QEMU with <c>-icount shift=0</c>
/// otherwise (the templates' <c>make run</c>, always with a time limit). Inputs, the plan and
/// outputs travel as the raw files of runtime/templates/README.md's protocol.
/// </summary>
internal static class FirmwareRunner
{
    /// <summary>Makes sure the board's compiler, make and emulator exist (installing them as root).</summary>
    public static void RequireTools(Board board, TextWriter log)
    {
        ExternalTools.Require(board.Compiler, board.CompilerPackages, log);
        ExternalTools.Require("make", ["make"], log);
        if (board.Emulator is { } emulator)
        {
            ExternalTools.Require(emulator, board.EmulatorPackages, log);
        }
    }

    public static void Build(MicroProject project, Board board, FirmwareSettings settings)
    {
        var (exit, output) = ExternalTools.Run("make", ["-C", project.Directory, $"-j{Environment.ProcessorCount}", .. Variables(project, settings), "all"], null);
        if (exit != 0)
        {
            throw new ToolException($"building the firmware for {board.Name} failed (make exit code {exit}):\n{output}");
        }
    }

    /// <summary>The image's flash and RAM use (<c>make size</c>); an image over the board's limits is an error naming the figures.</summary>
    public static ImageSize Size(MicroProject project, Board board, FirmwareSettings settings)
    {
        var (exit, output) = ExternalTools.Run("make", ["-s", "-C", project.Directory, .. Variables(project, settings), "size"], null);
        var size = ResultLine(output, "MTVM_SIZE") ?? throw new ToolException($"no size report for {board.Name}:\n{output.Trim()}");
        var figures = new ImageSize(board.Name, Number(size, "flash"), Limit(size, "flash_limit"), Number(size, "ram"), Limit(size, "ram_limit"));
        if (exit != 0 || !figures.Fits)
        {
            throw new ToolException($"the firmware does not fit {board.Name}: {figures.Describe()}\n{output.Trim()}");
        }

        return figures;
    }

    /// <summary>Runs the plan in one boot of the firmware: one result per run up to and including the first that failed.</summary>
    public static ProjectRun Run(MicroProject project, Board board, IReadOnlyList<PlannedRun> plan, FirmwareSettings settings, ImageSize size)
    {
        var runDirectory = Path.Combine(project.Directory, "run");
        Directory.CreateDirectory(runDirectory);
        File.WriteAllBytes(Path.Combine(runDirectory, "inputs.bin"), [.. plan.SelectMany(p => p.Inputs)]);
        File.WriteAllBytes(Path.Combine(runDirectory, "plan.bin"), [.. plan.SelectMany(p => BitConverter.GetBytes((uint)p.Model))]);
        var outputsPath = Path.Combine(runDirectory, "outputs.bin");
        File.Delete(outputsPath);
        var (runExit, console) = ExternalTools.Run("make", ["-s", "-C", project.Directory, .. Variables(project, settings), "run"], null);
        var outputs = File.Exists(outputsPath) ? File.ReadAllBytes(outputsPath) : [];

        var results = new List<FirmwareResult>();
        var position = 0;
        foreach (var (tag, fields) in ReportLines(console))
        {
            var exitCode = fields.TryGetValue("exit", out var exitText) && int.TryParse(exitText, CultureInfo.InvariantCulture, out var code) ? code : -1;
            if (tag == "MTVM_RESULT" && exitCode == 0 && results.Count < plan.Count)
            {
                var bytes = (int)project.Models[plan[results.Count].Model].Outputs.Sum(o => o.Bytes);
                var slice = position + bytes <= outputs.Length ? outputs[position..(position + bytes)] : null;
                position += bytes;
                results.Add(new FirmwareResult(board.Name, slice is null ? 4 : 0, fields, false, slice, size.Flash, size.Ram, console));
                continue;
            }

            results.Add(new FirmwareResult(board.Name, exitCode, fields, tag is "MTVM_FAULT" or "MTVM_UNEXPECTED", null, size.Flash, size.Ram, console));
            return new ProjectRun(size, [.. results], console);
        }

        if (results.Count < plan.Count || runExit != 0)
        {
            // No line says why: a hang (the time limit) or a crash of the emulator itself.
            results.Add(new FirmwareResult(board.Name, runExit == 0 ? -1 : TimeoutOrExit(console, runExit), new Dictionary<string, string>(), false, null, size.Flash, size.Ram, console));
        }

        return new ProjectRun(size, [.. results], console);
    }

    private static string[] Variables(MicroProject project, FirmwareSettings settings) =>
    [
        .. project.MakeVariables,
        $"REPEAT={settings.Repeat}",
        $"EXTRA_CFLAGS={settings.ExtraFlags}",
        $"EXTRA_LDFLAGS={settings.ExtraFlags}",
        $"TIMEOUT=timeout {settings.TimeoutSeconds}",
    ];

    /// <summary>The report lines of a run in order: results, faults, aborts, unexpected exceptions.</summary>
    private static IEnumerable<(string Tag, Dictionary<string, string> Fields)> ReportLines(string console)
    {
        foreach (var line in console.Split('\n'))
        {
            var tag = line.Split(' ', 2)[0];
            if (tag is "MTVM_RESULT" or "MTVM_FAULT" or "MTVM_ABORT" or "MTVM_UNEXPECTED" && ResultLine(line, tag) is { } fields)
            {
                yield return (tag, fields);
            }
        }
    }

    private static long? Limit(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>make reports the program's exit code in its message ("Error 124" for the time limit).</summary>
    private static int TimeoutOrExit(string console, int makeExit) =>
        console.Contains("Error 124", StringComparison.Ordinal) ? 124 : makeExit;

    private static long Number(IReadOnlyDictionary<string, string>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The <c>key=value</c> fields of the first line starting with <paramref name="tag"/>; <c>error=</c> runs to the end of the line.</summary>
    internal static Dictionary<string, string>? ResultLine(string console, string tag)
    {
        var line = console.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(tag + " ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = line[(tag.Length + 1)..];
        while (rest.Length > 0)
        {
            var equals = rest.IndexOf('=');
            if (equals <= 0)
            {
                break;
            }

            var key = rest[..equals];
            if (key == "error")
            {
                fields[key] = rest[(equals + 1)..];
                break;
            }

            var space = rest.IndexOf(' ', equals);
            fields[key] = space < 0 ? rest[(equals + 1)..] : rest[(equals + 1)..space];
            rest = space < 0 ? string.Empty : rest[(space + 1)..];
        }

        return fields;
    }
}
