using MicroTvm.IR.Text;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Passes.Instrumentation;

/// <summary>
/// When a pass throws, writes <c>DIR/reproducer-NNN-pass.mir</c>: the module the pass was given
/// and, in a <c>// PIPELINE:</c> header line, the invocation that crashes on it. Running that
/// file through <c>mtvm-opt --pass-pipeline</c> (or as a FileCheck test) reproduces the crash.
/// </summary>
public sealed class CrashReproducerInstrumentation(string directory) : IPassInstrumentation
{
    public const string PipelineHeader = "// PIPELINE: ";

    public string? ReproducerPath { get; private set; }

    public void PassFailed(PassRun run, Module input, PassFailure failure)
    {
        if (failure.Exception is not { } exception)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"reproducer-{run.Number:D3}-{run.PassName}.mir");
        var message = exception.Message.ReplaceLineEndings(" ");
        var text =
            $"// mtvm-opt crash reproducer: pass '{run.PassName}' (run #{run.Number}) threw {exception.GetType().FullName}: {message}\n"
            + $"{PipelineHeader}{PipelinePrinter.PrintStep(new PassInvocation(run.PassName, run.Step.Options))}\n"
            + ModulePrinter.Print(input);
        File.WriteAllText(path, text);
        ReproducerPath = path;
    }
}
