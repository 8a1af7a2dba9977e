using System.Globalization;
using System.Text.Json;
using MicroTvm.Driver.Micro;
using MicroTvm.Driver.Output;
using MicroTvm.IR.IO;

namespace MicroTvm.Driver.Firmware;

/// <summary>
/// <c>run MODEL|MODEL.tar|PROJECT --board BOARD</c> for boards with firmware (host, QEMU): compiles
/// the model to a Model Library Format archive when given a model (with <c>--pipeline</c>, or the
/// built-in pipelines/aot.pass), makes a project of it in a scratch directory when not given one
/// (<see cref="MicroProject"/>), builds and runs the firmware, writes the outputs, and prints
/// instructions per inference with the image's flash and RAM use (also as JSON with <c>--report</c>).
/// </summary>
internal sealed class FirmwareRunAction(DriverConfiguration configuration, TextWriter output, TextWriter error)
{
    /// <param name="board">null: the project's own board (<paramref name="modelPath"/> is a project).</param>
    /// <param name="backend">the code generator for a model compiled here (<c>--target</c>): c, or llvm for the board's CPU</param>
    public int Run(Board? board, string modelPath, string? pipelinePath, string? inputsPath, string? outputsPath, int repeat, string? reportPath, string firmwareFlags, string? backend = null)
    {
        if (repeat < 1)
        {
            throw new UsageException($"--repeat must be at least 1, not {repeat}");
        }

        var scratch = Directory.CreateTempSubdirectory("mtvm-run-").FullName;
        try
        {
            MicroProject project;
            if (Directory.Exists(modelPath))
            {
                project = MicroProject.Open(modelPath);
                if (board is not null && board.Name != project.Board)
                {
                    throw new UsageException($"run: the project '{modelPath}' is for {project.Board}, not {board.Name}");
                }
            }
            else
            {
                var archive = modelPath;
                if (!modelPath.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
                {
                    archive = Path.Combine(scratch, "model.tar");
                    if (Compile(modelPath, pipelinePath, archive, scratch, backend, board) is var exitCode and not ExitCodes.Success)
                    {
                        return exitCode;
                    }
                }

                project = MicroProject.Create(board!.Name, [archive], Path.Combine(scratch, "project"));
            }

            if (project.Models.Length != 1)
            {
                throw new UsageException($"run: the project has {project.Models.Length} models; run takes a project of one");
            }

            var package = project.Models[0];
            if (Inputs(package, inputsPath) is not { } inputs)
            {
                return ExitCodes.CompileError;
            }

            var result = project.Run([new PlannedRun(0, inputs)], new FirmwareSettings(repeat, firmwareFlags), error).Results[0];
            if (!result.Succeeded)
            {
                error.WriteLine($"error: {result.Describe()}");
                return ExitCodes.CompileError;
            }

            WriteOutputs(package, result.Outputs!, outputsPath);
            var figure = result.InstructionsPerInference is { } count
                ? project.BoardInfo.Emulator is null ? $"{count:N0} ns per inference (wall clock)" : $"{count:N0} instructions per inference"
                : "no instruction count";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ran {package.Name} on {project.Board}: {figure} (repeat {repeat}); flash {result.FlashBytes:N0} bytes, RAM {result.RamBytes:N0} bytes"));
            if (reportPath is not null)
            {
                WriteReport(reportPath, package, result, repeat);
            }

            return ExitCodes.Success;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private int Compile(string modelPath, string? pipelinePath, string archive, string scratch, string? backend, Board? board)
    {
        string[] target = backend is null ? [] : ["--target", backend, "--mcpu", board?.Cpu ?? CompileTarget.DefaultCpu];
        if (pipelinePath is null)
        {
            pipelinePath = Path.Combine(scratch, "aot.pass");
            File.WriteAllBytes(pipelinePath, Output.EmbeddedFiles.Read("pipelines/aot.pass"));
        }

        return MtvmOpt.Run(["--pipeline", pipelinePath, modelPath, "-o", archive, "--model-name", Path.GetFileNameWithoutExtension(modelPath), .. target], configuration, TextWriter.Null, error);
    }

    private byte[]? Inputs(MlfPackage package, string? inputsPath)
    {
        if (package.Inputs.IsEmpty)
        {
            return [];
        }

        if (inputsPath is null)
        {
            throw new UsageException($"run: --inputs is required: the model has inputs {string.Join(", ", package.Inputs.Select(i => $"'{i.Name}' {i.Type}"))}");
        }

        var signature = new Graph("inputs", [.. package.Inputs.Select(i => new Value(i.Name, i.Type))], [], []);
        var diagnostics = new DiagnosticBag();
        var tensors = TensorFiles.LoadInputs(signature, inputsPath, diagnostics);
        if (tensors is null || diagnostics.HasErrors)
        {
            new DiagnosticPrinter(error).Print(diagnostics.Items);
            return null;
        }

        return [.. package.Inputs.SelectMany(i => tensors[i.Name].Bytes.ToArray())];
    }

    private void WriteOutputs(MlfPackage package, byte[] bytes, string? outputsPath)
    {
        var tensors = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var position = 0;
        foreach (var tensor in package.Outputs)
        {
            tensors[tensor.Name] = new TensorData(tensor.Type, bytes.AsMemory(position, (int)tensor.Bytes));
            position += (int)tensor.Bytes;
        }

        if (outputsPath is null)
        {
            foreach (var (name, tensor) in tensors)
            {
                output.WriteLine($"{name}: {tensor.Type}");
            }

            return;
        }

        using var stream = File.Create(outputsPath);
        NpzArchive.Write(stream, tensors);
    }

    private static void WriteReport(string path, MlfPackage package, FirmwareResult result, int repeat)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("board", result.Board);
        json.WriteString("model", package.Name);
        if (result.InstructionsPerInference is { } count)
        {
            json.WriteNumber(result.Board == "host" ? "nanoseconds_per_inference" : "instructions_per_inference", count);
        }

        if (result.Board == "host")
        {
            json.WriteNull("instructions_per_inference");
        }

        json.WriteNumber("repeat", repeat);
        json.WriteNumber("flash_bytes", result.FlashBytes);
        json.WriteNumber("ram_bytes", result.RamBytes);
        json.WriteString("status", result.Fields.GetValueOrDefault("name", "MTVM_OK"));
        json.WriteEndObject();
    }
}
