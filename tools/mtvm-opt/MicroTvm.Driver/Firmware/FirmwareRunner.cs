using System.Globalization;
using MicroTvm.Driver.Output;

namespace MicroTvm.Driver.Firmware;

/// <summary>
/// Builds a packaged model into firmware with its board's template (the copy inside the Model
/// Library Format), checks its flash and RAM use, and runs it: natively for <c>host</c>, under
/// QEMU with <c>-icount shift=0</c> otherwise (the templates' <c>make run</c>, always with a time
/// limit). Inputs and outputs travel as the raw files of runtime/templates/README.md's protocol.
/// </summary>
internal static class FirmwareRunner
{
    public static FirmwareResult Run(MlfPackage package, Board board, byte[] inputs, int repeat, string extraFlags, TextWriter log)
    {
        ExternalTools.Require(board.Compiler, board.CompilerPackages, log);
        ExternalTools.Require("make", ["make"], log);
        if (board.Emulator is { } emulator)
        {
            ExternalTools.Require(emulator, board.EmulatorPackages, log);
        }

        var template = Path.Combine(package.Directory, "templates", board.Name);
        if (!Directory.Exists(template))
        {
            throw new UsageException($"the Model Library Format archive has no template for board '{board.Name}' (templates/{board.Name})");
        }

        var build = Path.Combine(package.Directory, "build", board.Name);
        var runDirectory = Path.Combine(package.Directory, "run", board.Name);
        Directory.CreateDirectory(runDirectory);
        var arena = package.Inputs.Concat(package.Outputs).Sum(t => t.Bytes) + package.PoolBytes + package.AlignmentSlack + 1024;
        string[] variables =
        [
            $"BUILD={build}",
            $"RUN_DIR={runDirectory}",
            $"MTVM_CRT_DIR={Path.Combine(package.Directory, "runtime")}",
            $"MODEL_SRCS={Path.Combine(package.Directory, "codegen", "host", "src", $"mtvmgen_{package.CName}.c")}",
            $"MODEL_INCLUDE={Path.Combine(package.Directory, "codegen", "host", "include")}",
            $"MTVM_MODEL={package.DescriptorSymbol}",
            $"ARENA_SIZE={arena}",
            $"REPEAT={repeat}",
            $"EXTRA_CFLAGS={extraFlags}",
            $"EXTRA_LDFLAGS={extraFlags}",
        ];

        var (buildExit, buildOutput) = ExternalTools.Run("make", ["-C", template, .. variables, "all"], null);
        if (buildExit != 0)
        {
            throw new ToolException($"building the firmware for {board.Name} failed (make exit code {buildExit}):\n{buildOutput}");
        }

        var (sizeExit, sizeOutput) = ExternalTools.Run("make", ["-s", "-C", template, .. variables, "size"], null);
        var size = ResultLine(sizeOutput, "MTVM_SIZE");
        if (sizeExit != 0)
        {
            throw new ToolException($"the firmware does not fit {board.Name}: {sizeOutput.Trim()}");
        }

        File.WriteAllBytes(Path.Combine(runDirectory, "inputs.bin"), inputs);
        File.Delete(Path.Combine(runDirectory, "outputs.bin"));
        var (runExit, console) = ExternalTools.Run("make", ["-s", "-C", template, .. variables, "run"], null);
        var fault = ResultLine(console, "MTVM_FAULT");
        var result = ResultLine(console, "MTVM_RESULT");
        var exitCode = (fault ?? result) is { } fields && fields.TryGetValue("exit", out var exitText) ? int.Parse(exitText, CultureInfo.InvariantCulture) : runExit == 0 ? 0 : TimeoutOrExit(console, runExit);
        var outputsPath = Path.Combine(runDirectory, "outputs.bin");
        var outputs = exitCode == 0 && fault is null && File.Exists(outputsPath) ? File.ReadAllBytes(outputsPath) : null;
        return new FirmwareResult(
            board.Name,
            exitCode,
            fault ?? result ?? new Dictionary<string, string>(),
            fault is not null,
            outputs,
            Number(size, "flash"),
            Number(size, "ram"),
            console);
    }

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
