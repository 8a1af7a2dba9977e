using System.Text;
using MicroTvm.IR.Text;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Passes.Testing;

/// <summary>
/// Runs one <see cref="MirTestCase"/>: parses the module, runs its pipeline with the verifier
/// after every pass, then checks the diagnostics against the expected ones (every expected one
/// must appear, and no other error) and the printed module against the CHECK lines.
/// </summary>
public sealed class MirTestRunner(PassRegistry registry)
{
    public MirTestOutcome Run(MirTestCase test)
    {
        if (test.Purpose.Length == 0)
        {
            return new MirTestOutcome($"{test.FileName}: no '///' sentence says what the test proves");
        }

        if (test.Pipeline is null)
        {
            return new MirTestOutcome($"{test.FileName}: no '{MirTestCase.PipelineHeader}' line names the pipeline to run");
        }

        var (steps, syntaxErrors) = PipelineParser.ParseSteps(test.Pipeline, $"{test.FileName} (pipeline)");
        var (pipeline, bindErrors) = new PipelineBinder(registry).BindSteps("test", steps, null, []);
        if (pipeline is null)
        {
            return new MirTestOutcome($"{test.FileName}: bad pipeline '{test.Pipeline}':\n{string.Join('\n', syntaxErrors.Concat(bindErrors))}");
        }

        var parsed = ModuleParser.Parse(test.Text, test.FileName);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        string? output = null;
        if (parsed.Module is { } module)
        {
            var result = new PassManager(new PassManagerOptions(), []).Run(module, pipeline);
            diagnostics.AddRange(result.Diagnostics);
            output = result.Module is { } final ? ModulePrinter.Print(final) : null;
        }

        if (CheckDiagnostics(test, diagnostics) is { } diagnosticFailure)
        {
            return new MirTestOutcome(diagnosticFailure);
        }

        if (test.Checks.Length == 0)
        {
            return new MirTestOutcome(null);
        }

        if (output is null)
        {
            return new MirTestOutcome($"{test.FileName}: the pipeline failed, so there is no output to check:\n{string.Join('\n', diagnostics)}");
        }

        return new MirTestOutcome(FileCheck.Match(test.Checks, output, test.FileName));
    }

    private static string? CheckDiagnostics(MirTestCase test, List<Diagnostic> diagnostics)
    {
        var report = new StringBuilder();
        var matched = new HashSet<Diagnostic>(ReferenceEqualityComparer.Instance);
        foreach (var expected in test.ExpectedDiagnostics)
        {
            var match = diagnostics.FirstOrDefault(d => !matched.Contains(d) && expected.Matches(d, test.FileName));
            if (match is null)
            {
                report.Append(test.FileName).Append(':').Append(expected.DirectiveLine).Append(": ").Append(expected).Append(", not reported\n");
            }
            else
            {
                matched.Add(match);
            }
        }

        foreach (var diagnostic in diagnostics.Where(d => d.IsError && !matched.Contains(d)))
        {
            report.Append("unexpected: ").Append(diagnostic).Append('\n');
        }

        return report.Length == 0 ? null : report.Append("all diagnostics:\n").AppendJoin('\n', diagnostics).ToString();
    }
}
