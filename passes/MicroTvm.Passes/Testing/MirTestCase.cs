using System.Globalization;
using System.Text.RegularExpressions;

namespace MicroTvm.Passes.Testing;

/// <summary>
/// A FileCheck-style IR test: a <c>.mir</c> module with, in comments, a <c>///</c> sentence
/// saying what the case proves, the pipeline to run (<c>// PIPELINE: a, b { x = 1 }</c>), CHECK
/// lines for the printed result, and <c>// expected-error@+1 {{…}}</c> lines for diagnostics.
/// </summary>
public sealed partial record MirTestCase(
    string FileName,
    string Text,
    string Purpose,
    string? Pipeline,
    ImmutableArray<CheckDirective> Checks,
    ImmutableArray<ExpectedDiagnostic> ExpectedDiagnostics)
{
    public const string PipelineHeader = "// PIPELINE:";

    public static MirTestCase Parse(string text, string fileName)
    {
        var purpose = new List<string>();
        string? pipeline = null;
        var checks = ImmutableArray.CreateBuilder<CheckDirective>();
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.StartsWith("///", StringComparison.Ordinal))
            {
                purpose.Add(line[3..].Trim());
            }
            else if (line.StartsWith(PipelineHeader, StringComparison.Ordinal))
            {
                pipeline = line[PipelineHeader.Length..].Trim();
            }
            else if (CheckLine().Match(line) is { Success: true } check)
            {
                var kind = check.Groups["kind"].Value switch
                {
                    "" => CheckKind.Check,
                    "-NEXT" => CheckKind.Next,
                    "-NOT" => CheckKind.Not,
                    _ => CheckKind.Label,
                };
                checks.Add(new CheckDirective(kind, check.Groups["pattern"].Value.Trim(), number));
            }

            foreach (Match diagnostic in ExpectedLine().Matches(lines[i]))
            {
                var severity = Enum.Parse<DiagnosticSeverity>(diagnostic.Groups["severity"].Value, ignoreCase: true);
                var offset = diagnostic.Groups["offset"].Success ? int.Parse(diagnostic.Groups["offset"].Value, CultureInfo.InvariantCulture) : 0;
                expected.Add(new ExpectedDiagnostic(severity, number + offset, diagnostic.Groups["text"].Value, number));
            }
        }

        return new MirTestCase(fileName, text, string.Join(' ', purpose), pipeline, checks.ToImmutable(), expected.ToImmutable());
    }

    [GeneratedRegex(@"^//\s*CHECK(?<kind>-NEXT|-NOT|-LABEL)?:(?<pattern>.*)$")]
    private static partial Regex CheckLine();

    [GeneratedRegex(@"//\s*expected-(?<severity>error|warning|note)(@(?<offset>[+-]\d+))?\s*\{\{(?<text>.*?)\}\}")]
    private static partial Regex ExpectedLine();
}
