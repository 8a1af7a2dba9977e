using MicroTvm.IR.Text;

namespace MicroTvm.Passes.Instrumentation;

/// <summary><c>--print-ir-before=P,Q</c>, <c>--print-ir-after=P</c>, <c>--print-ir-after-all</c>: the module as text around chosen passes.</summary>
public sealed class IrPrintingInstrumentation(TextWriter output, IReadOnlySet<string> before, IReadOnlySet<string> after, bool afterAll) : IPassInstrumentation
{
    public void BeforePass(PassRun run, Module module)
    {
        if (before.Contains(run.PassName))
        {
            Print("Before", run, module);
        }
    }

    public void AfterPass(PassRun run, Module module, ImmutableArray<StatisticValue> statistics)
    {
        if (afterAll || after.Contains(run.PassName))
        {
            Print("After", run, module);
        }
    }

    private void Print(string when, PassRun run, Module module)
    {
        output.WriteLine($"// ----- IR Dump {when} {run.PassName} (#{run.Number}) ----- //");
        output.WriteLine(ModulePrinter.Print(module));
    }
}
