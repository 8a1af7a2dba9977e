using MicroTvm.Conformance.Cases;
using MicroTvm.Driver;

namespace MicroTvm.Conformance.Running;

/// <summary>
/// Imports a model (for the interpreter and the inputs' types) and compiles it with
/// <c>mtvm-opt --pipeline pipelines/aot.pass MODEL -o model.tar --model-name NAME [--target llvm -mcpu CPU]</c>, in process.
/// An import refusal and lower-to-kernels' MTVM2460 ("no lowering for …") make the model
/// unsupported; any other compile error is a failure.
/// </summary>
internal static class CaseCompiler
{
    private const string NoLowering = "MTVM2460";

    public static CompiledModel Compile(ModelSource source, string cName, string directory, string pipeline, ImmutableArray<string> targetArguments)
    {
        var configuration = source.KnownOnnxInputs is { } known
            ? DriverConfiguration.Default with { Importers = [.. DriverConfiguration.Default.Importers.Where(i => !i.Extensions.Contains(".onnx")), new KnownInputsOnnxImporter(known)] }
            : DriverConfiguration.Default;
        var importer = configuration.FindImporter(source.Path)!;
        var imported = importer.Import(File.ReadAllBytes(source.Path), Path.GetFileName(source.Path));
        if (imported.Module is not { } module)
        {
            return new CompiledModel(cName, null, null, $"not importable: {string.Join("; ", imported.Diagnostics.Where(d => d.IsError).Take(4))}", null);
        }

        Directory.CreateDirectory(directory);
        var archive = Path.Combine(directory, $"{cName}.tar");
        var errors = new StringWriter();
        var exit = MtvmOpt.Run(["--pipeline", pipeline, source.Path, "-o", archive, "--model-name", cName, .. targetArguments], configuration, TextWriter.Null, errors);
        if (exit == ExitCodes.Success)
        {
            return new CompiledModel(cName, archive, module, null, null);
        }

        var text = errors.ToString().Trim();
        var lines = text.Split('\n');
        return lines.FirstOrDefault(l => l.Contains(NoLowering, StringComparison.Ordinal)) is { } unsupported
            ? new CompiledModel(cName, null, module, $"not lowered: {unsupported.Trim()}", null)
            : new CompiledModel(cName, null, module, null, $"compile failed (exit {exit}): {string.Join("\n", lines.Take(6))}");
    }
}
