using System.CommandLine;
using MicroTvm.Driver.Firmware;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.IO;
using MicroTvm.IR.Verification;

namespace MicroTvm.Driver;

/// <summary>
/// <c>run MODEL --board interpreter --inputs in.npz --outputs out.npz</c>: evaluates the model's
/// main graph with the reference interpreter. Inputs that do not match the graph are reported
/// naming the tensor and what was expected. Other boards build and run firmware
/// (<see cref="FirmwareRunAction"/>), as does a project directory, on its own board.
/// </summary>
internal sealed class RunAction(DriverConfiguration configuration, OptCommandLine commandLine, ParseResult parsed, TextWriter output, TextWriter error)
{
    private const string InterpreterBoard = "interpreter";

    public int Run()
    {
        var board = parsed.GetValue(commandLine.Board);
        var modelPath = parsed.GetValue(commandLine.Input) ?? throw new UsageException("run: no model file");
        var isProject = Directory.Exists(modelPath) && Micro.MicroProject.IsProject(modelPath);
        if (board != InterpreterBoard || isProject)
        {
            // A project runs on its own board unless another is named (which is an error).
            var firmwareBoard = board == InterpreterBoard ? null : Board.Find(board ?? string.Empty)
                ?? throw new UsageException($"unknown board '{board}'; the boards are: {string.Join(", ", [InterpreterBoard, .. Board.All.Select(b => b.Name)])}");
            return new FirmwareRunAction(configuration, output, error).Run(
                firmwareBoard,
                modelPath,
                parsed.GetValue(commandLine.Pipeline),
                parsed.GetValue(commandLine.Inputs),
                parsed.GetValue(commandLine.Outputs),
                parsed.GetValue(commandLine.Repeat),
                parsed.GetValue(commandLine.Report),
                parsed.GetValue(commandLine.FirmwareFlags) ?? string.Empty,
                parsed.GetValue(commandLine.Target));
        }

        if (modelPath.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"run: the interpreter runs models, not compiled archives; use --board host or a QEMU board for '{modelPath}'");
        }

        var diagnostics = new DiagnosticPrinter(error);
        if (ModuleInput.Import(configuration, modelPath, diagnostics) is not { } module || diagnostics.Print(ModuleVerifier.Verify(module)))
        {
            return ExitCodes.CompileError;
        }

        var bag = new DiagnosticBag();
        IReadOnlyDictionary<string, TensorData> inputs = parsed.GetValue(commandLine.Inputs) is { } inputsPath
            ? TensorFiles.LoadInputs(module.Main, inputsPath, bag) ?? ImmutableDictionary<string, TensorData>.Empty
            : ImmutableDictionary<string, TensorData>.Empty;
        if (diagnostics.Print(bag.Items))
        {
            return ExitCodes.CompileError;
        }

        var result = Interpreter.Run(module, inputs);
        if (diagnostics.Print(result.Diagnostics) || !result.Succeeded)
        {
            return ExitCodes.CompileError;
        }

        if (parsed.GetValue(commandLine.Outputs) is { } outputsPath)
        {
            using var stream = File.Create(outputsPath);
            NpzArchive.Write(stream, result.Outputs);
        }
        else
        {
            foreach (var (name, tensor) in result.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"{name}: {tensor.Type}");
            }
        }

        return ExitCodes.Success;
    }
}
