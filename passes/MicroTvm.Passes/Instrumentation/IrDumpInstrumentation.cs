using System.Globalization;
using MicroTvm.IR.Text;

namespace MicroTvm.Passes.Instrumentation;

/// <summary><c>--ir-dump-dir DIR</c>: the module after every pass run, one file each, named <c>NNN-pass.mir</c> in execution order.</summary>
public sealed class IrDumpInstrumentation : IPassInstrumentation
{
    private readonly string _directory;

    public IrDumpInstrumentation(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public void AfterPass(PassRun run, Module module, ImmutableArray<StatisticValue> statistics)
    {
        var name = $"{run.Number.ToString("D3", CultureInfo.InvariantCulture)}-{run.PassName}.mir";
        File.WriteAllText(Path.Combine(_directory, name), $"// after {run.Step} (#{run.Number})\n{ModulePrinter.Print(module)}");
    }
}
