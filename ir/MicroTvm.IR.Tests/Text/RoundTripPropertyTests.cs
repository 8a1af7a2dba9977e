using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Text;

public sealed class RoundTripPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void PrintThenParseGivesAnEqualModuleThatPrintsTheSame() =>
        Prop.ForAll(ModuleGenerators.ArbitraryModule().Convert(m => new MirCase(m), c => c.Module), RoundTrips).Check(Config);

    [Fact]
    public void ModulesWithRandomKernelsRoundTrip() =>
        Prop.ForAll(KernelGenerators.ArbitraryModuleWithKernels().Convert(m => new MirCase(m), c => c.Module), RoundTrips).Check(Config);

    [Fact]
    public void ParsingMutilatedTextNeverThrowsAndLocatesEveryError()
    {
        var mutilated =
            from module in KernelGenerators.ModuleWithKernels()
            let text = ModulePrinter.Print(module)
            from position in Gen.Choose(0, text.Length)
            from length in Gen.Choose(0, 8)
            from insert in Gen.Elements("", "%", "\"", "<", ">", "]", "{", "}", ",", "x", "1", "nan(0x", "q<", "\\", "_", "..", "var", "for", "+", "(", ":i8", "0..0")
            select text[..position] + insert + text[Math.Min(text.Length, position + length)..];
        Prop.ForAll(Arb.From(mutilated), text =>
        {
            var result = ModuleParser.Parse(text, "fuzz.mir");
            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            Assert.Equal(errors.Count == 0, result.Module is not null);
            Assert.All(errors, e => Assert.True(e.Location is { Line: > 0, Column: > 0 }, e.ToString()));
        }).Check(Config);
    }

    private static bool RoundTrips(MirCase testCase)
    {
        var text = ModulePrinter.Print(testCase.Module);
        var result = ModuleParser.Parse(text, "roundtrip.mir");
        if (result.Module is null)
        {
            throw new InvalidOperationException("the printed module does not parse:\n"
                + string.Join('\n', result.Diagnostics.Select(d => DiagnosticFormatter.Format(d, text))));
        }

        Assert.Equal(text, ModulePrinter.Print(result.Module));
        return result.Module.Equals(testCase.Module);
    }

    /// <summary>Shows a failing case as ready-to-paste .mir text (FsCheck prints it after the replay seed).</summary>
    private sealed record MirCase(Module Module)
    {
        public override string ToString() => "\n" + ModulePrinter.Print(Module);
    }
}
