using System.CommandLine;

namespace MicroTvm.Driver.Micro;

/// <summary>
/// <c>micro create-project --template BOARD --mlf model.tar [--mlf …] -o DIR</c>, <c>micro build DIR</c>
/// and <c>micro flash DIR</c>: the project steps of <see cref="MicroProject"/> on the command line.
/// </summary>
internal sealed class MicroAction(OptCommandLine commandLine, ParseResult parsed, TextWriter output, TextWriter error)
{
    public int Run() => parsed.CommandResult.Command.Name switch
    {
        "create-project" => CreateProject(),
        "build" => Build(),
        _ => Flash(),
    };

    private int CreateProject()
    {
        var board = parsed.GetValue(commandLine.Template) ?? throw new UsageException("create-project: --template BOARD is required");
        var directory = parsed.GetValue(commandLine.Output) ?? throw new UsageException("create-project: -o DIR is required");
        var project = MicroProject.Create(board, parsed.GetValue(commandLine.Mlf) ?? [], directory);
        output.WriteLine($"created {project.Directory} for {project.Board}: {string.Join(", ", project.Models.Select(m => m.Name))} (arena {project.Options.ArenaSize} bytes)");
        return ExitCodes.Success;
    }

    private int Build()
    {
        var project = MicroProject.Open(parsed.GetValue(commandLine.Project)!);
        project.Build(Settings(), error);
        output.WriteLine($"built {Path.Combine(project.Directory, "build", "firmware.elf")} for {project.Board}");
        return ExitCodes.Success;
    }

    private int Flash()
    {
        var project = MicroProject.Open(parsed.GetValue(commandLine.Project)!);
        var size = project.Flash(Settings(), error);
        var image = Path.Combine(project.Directory, "build", "firmware.elf");
        var where = project.BoardInfo.Emulator is { } emulator ? $"{emulator} loads it at run time ('mtvm-opt run {project.Directory}')" : "run it with 'mtvm-opt run'";
        output.WriteLine($"image {image} for {project.Board}: {size.Describe()}; {where}");
        return ExitCodes.Success;
    }

    private FirmwareSettings Settings() => new(ExtraFlags: parsed.GetValue(commandLine.FirmwareFlags) ?? string.Empty);
}
