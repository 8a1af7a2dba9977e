using MicroTvm.Driver.Firmware;

namespace MicroTvm.Driver.Micro;

/// <summary>
/// A self-contained firmware project (<c>micro create-project</c>): the board's template, the
/// templates' common code, the C runtime and one or more compiled models, with a Makefile and
/// <c>mtvm-project.json</c>. Several models share one image: the firmware runs them in the order
/// a plan gives (see common/mtvm_main.c), so many small models cost one build and one boot.
/// <code>
/// mtvm-project.json  Makefile  src/mtvm_models.c
/// board/  common/  runtime/{include,src}/
/// models/&lt;c_name&gt;/metadata.json  models/&lt;c_name&gt;/codegen/host/{include,src}/
/// build/  run/                                  (made by build and run)
/// </code>
/// </summary>
public sealed class MicroProject
{
    private const long StackSize = 16384;

    private MicroProject(string directory, ProjectOptions options, Board board, ImmutableArray<MlfPackage> models)
    {
        Directory = directory;
        Options = options;
        BoardInfo = board;
        Models = models;
    }

    public string Directory { get; }

    public ProjectOptions Options { get; }

    public string Board => BoardInfo.Name;

    /// <summary>The models, in table order (a <see cref="PlannedRun.Model"/> indexes this).</summary>
    public ImmutableArray<MlfPackage> Models { get; }

    internal Board BoardInfo { get; }

    internal IEnumerable<string> MakeVariables => [$"ARENA_SIZE={Options.ArenaSize}", $"STACK_SIZE={Options.StackSize}", $"OPT={Options.Opt}"];

    /// <summary>Whether <paramref name="path"/> is a project directory.</summary>
    public static bool IsProject(string path) => File.Exists(Path.Combine(path, ProjectOptions.FileName));

    /// <summary>Makes a project for <paramref name="board"/> in <paramref name="directory"/> (new or empty) from Model Library Format archives.</summary>
    public static MicroProject Create(string board, IReadOnlyList<string> archives, string directory)
    {
        var target = Firmware.Board.Find(board)
            ?? throw new UsageException($"unknown template '{board}'; the templates are: {string.Join(", ", Firmware.Board.All.Select(b => b.Name))}");
        if (archives.Count == 0)
        {
            throw new UsageException("create-project: give at least one --mlf archive");
        }

        if (System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new UsageException($"create-project: '{directory}' exists and is not empty");
        }

        var scratch = System.IO.Directory.CreateTempSubdirectory("mtvm-project-").FullName;
        try
        {
            var packages = archives.Select((archive, i) => MlfPackage.Extract(archive, Path.Combine(scratch, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
            if (packages.GroupBy(p => p.CName).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new UsageException($"create-project: {twice.Count()} archives hold a model named '{twice.Key}'; compile them with distinct --model-name");
            }

            var first = packages[0].Directory;
            if (!System.IO.Directory.Exists(Path.Combine(first, "templates", target.Name)))
            {
                throw new UsageException($"the Model Library Format archive has no template for board '{target.Name}' (templates/{target.Name})");
            }

            Copy(Path.Combine(first, "templates", target.Name), Path.Combine(directory, "board"));
            Copy(Path.Combine(first, "templates", "common"), Path.Combine(directory, "common"));
            Copy(Path.Combine(first, "runtime"), Path.Combine(directory, "runtime"));
            foreach (var package in packages)
            {
                var model = Path.Combine(directory, "models", package.CName);
                Copy(Path.Combine(package.Directory, "codegen", "host", "include"), Path.Combine(model, "codegen", "host", "include"));
                Copy(Path.Combine(package.Directory, "codegen", "host", "src"), Path.Combine(model, "codegen", "host", "src"));
                if (LlvmObjectPackage.ObjectFor(package, target) is { } llvmObject)
                {
                    // --target llvm: the firmware links this object instead of compiling the C source.
                    System.IO.Directory.CreateDirectory(Path.Combine(model, "codegen", "host", "lib"));
                    File.Copy(llvmObject, Path.Combine(model, "codegen", "host", "lib", Path.GetFileName(llvmObject)));
                }
                File.Copy(Path.Combine(package.Directory, "metadata.json"), Path.Combine(model, "metadata.json"));
            }

            var options = new ProjectOptions(target.Name, [.. packages.Select(p => p.CName)], packages.Max(p => p.ArenaBytes), StackSize, "-O2");
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "src"));
            File.WriteAllText(Path.Combine(directory, ProjectSources.TablePath), ProjectSources.ModelTable([.. packages.Select(p => p.DescriptorSymbol)]));
            File.WriteAllText(Path.Combine(directory, "Makefile"), ProjectSources.Makefile(options));
            options.Write(directory);
        }
        finally
        {
            System.IO.Directory.Delete(scratch, recursive: true);
        }

        return Open(directory);
    }

    public static MicroProject Open(string directory)
    {
        var options = ProjectOptions.Read(directory);
        var board = Firmware.Board.Find(options.Board) ?? throw new UsageException($"'{directory}': {ProjectOptions.FileName} names an unknown board '{options.Board}'");
        var models = options.Models.Select(c => MlfPackage.Open(Path.Combine(directory, "models", c), Path.Combine(directory, "models", c))).ToImmutableArray();
        return new MicroProject(Path.GetFullPath(directory), options, board, models);
    }

    /// <summary>Makes sure <paramref name="board"/>'s compiler, make and emulator exist: installs their Debian packages as root, otherwise says which to install.</summary>
    public static void RequireTools(string board, TextWriter log) =>
        FirmwareRunner.RequireTools(Firmware.Board.Find(board) ?? throw new UsageException($"unknown board '{board}'"), log);

    /// <summary>Builds the firmware (<c>build/firmware.elf</c>), installing the board's tools first when they are missing and this is root.</summary>
    public void Build(FirmwareSettings settings, TextWriter log)
    {
        FirmwareRunner.RequireTools(BoardInfo, log);
        FirmwareRunner.Build(this, BoardInfo, settings);
    }

    /// <summary>Builds the image and checks it against the board's flash and RAM (an error naming the figures when it does not fit).</summary>
    public ImageSize Flash(FirmwareSettings settings, TextWriter log)
    {
        Build(settings, log);
        return FirmwareRunner.Size(this, BoardInfo, settings);
    }

    /// <summary>Builds, checks and boots the firmware once, running the plan in order.</summary>
    public ProjectRun Run(IReadOnlyList<PlannedRun> plan, FirmwareSettings settings, TextWriter log)
    {
        foreach (var run in plan)
        {
            if (run.Model < 0 || run.Model >= Models.Length || run.Inputs.Length != Models[run.Model].Inputs.Sum(i => i.Bytes))
            {
                throw new ArgumentException($"planned run of model {run.Model} does not match the project's models", nameof(plan));
            }
        }

        var size = Flash(settings, log);
        return FirmwareRunner.Run(this, BoardInfo, plan, settings, size);
    }

    /// <summary>Flash bytes (text + data) of each model's own object file in the last build, by C name: a model's share of a shared image.</summary>
    public IReadOnlyDictionary<string, long> ModelFlashBytes()
    {
        var tool = $"{BoardInfo.Compiler[..^"gcc".Length]}size";
        var objects = Options.Models.ToDictionary(ObjectOf, c => c);
        var (exit, output) = Output.ExternalTools.Run(tool, ["-B", .. objects.Keys], null);
        if (exit != 0)
        {
            throw new Output.ToolException($"'{tool}' failed on the models' objects (build the project first):\n{output}");
        }

        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var fields in output.Split('\n').Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 6))
        {
            if (objects.TryGetValue(fields[5], out var model) && long.TryParse(fields[0], out var text) && long.TryParse(fields[1], out var data))
            {
                sizes[model] = text + data;
            }
        }

        return sizes;
    }

    /// <summary>A model's prebuilt object (compiled with --target llvm) when it has one, else the one the build made from its C.</summary>
    private string ObjectOf(string model)
    {
        var prebuilt = Path.Combine(Directory, "models", model, "codegen", "host", "lib", $"mtvmgen_{model}.o");
        return File.Exists(prebuilt) ? prebuilt : Path.Combine(Directory, "build", "obj", $"mtvmgen_{model}.o");
    }

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
