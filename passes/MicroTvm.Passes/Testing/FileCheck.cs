using System.Text;

namespace MicroTvm.Passes.Testing;

/// <summary>
/// Matches output against CHECK directives the way LLVM's FileCheck does: labels first (each
/// after the previous), then within each label block the CHECK/CHECK-NEXT lines in order, with
/// CHECK-NOT lines forbidden between their neighbours. Returns null on success, else a report
/// naming the failing directive and showing the output from where the search started.
/// </summary>
public static class FileCheck
{
    public static string? Match(IReadOnlyList<CheckDirective> checks, string output, string testFile)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            return new Matcher(lines, variables, testFile).Run(checks);
        }
        catch (FormatException e)
        {
            return $"{testFile}: bad CHECK pattern: {e.Message}";
        }
    }

    private sealed class Matcher(string[] lines, Dictionary<string, string> variables, string testFile)
    {
        public string? Run(IReadOnlyList<CheckDirective> checks)
        {
            // Labels are matched first and fix the block boundaries.
            var labelLines = new List<(int CheckIndex, int OutputLine)>();
            var from = 0;
            for (var c = 0; c < checks.Count; c++)
            {
                if (checks[c].Kind != CheckKind.Label)
                {
                    continue;
                }

                if (Find(checks[c], from, lines.Length) is not { } line)
                {
                    return Failure(checks[c], from, "no match for label");
                }

                labelLines.Add((c, line));
                from = line + 1;
            }

            var blockStart = 0;
            var checkStart = 0;
            foreach (var (checkIndex, outputLine) in labelLines.Append((checks.Count, lines.Length)))
            {
                if (MatchBlock(checks, checkStart, checkIndex, blockStart, outputLine) is { } failure)
                {
                    return failure;
                }

                blockStart = outputLine;
                checkStart = checkIndex;
            }

            return null;
        }

        private string? MatchBlock(IReadOnlyList<CheckDirective> checks, int firstCheck, int endCheck, int startLine, int endLine)
        {
            var cursor = startLine;
            var previousMatch = startLine - 1;
            var pendingNots = new List<CheckDirective>();
            for (var c = firstCheck; c < endCheck; c++)
            {
                var check = checks[c];
                switch (check.Kind)
                {
                    case CheckKind.Not:
                        pendingNots.Add(check);
                        continue;
                    case CheckKind.Label:
                        // Already matched at startLine; the checks after it search past it.
                        cursor = startLine + 1;
                        previousMatch = startLine;
                        continue;
                }

                int? found = check.Kind == CheckKind.Next
                    ? (previousMatch + 1 < endLine && Find(check, previousMatch + 1, previousMatch + 2) is { } next ? next : null)
                    : Find(check, cursor, endLine);
                if (found is not { } line)
                {
                    return Failure(check, check.Kind == CheckKind.Next ? previousMatch + 1 : cursor, check.Kind == CheckKind.Next ? "no match on the next line" : "no match");
                }

                if (CheckNots(pendingNots, cursor, line) is { } notFailure)
                {
                    return notFailure;
                }

                pendingNots.Clear();
                cursor = line + 1;
                previousMatch = line;
            }

            return CheckNots(pendingNots, cursor, endLine);
        }

        private string? CheckNots(List<CheckDirective> nots, int from, int to)
        {
            foreach (var not in nots)
            {
                if (Find(not, from, to) is { } line)
                {
                    return Failure(not, line, "found what must not be there");
                }
            }

            return null;
        }

        private int? Find(CheckDirective check, int from, int to)
        {
            var regex = CheckPattern.Compile(check.Pattern, variables, out var defines);
            for (var line = Math.Max(from, 0); line < Math.Min(to, lines.Length); line++)
            {
                var match = regex.Match(lines[line]);
                if (match.Success)
                {
                    if (check.Kind != CheckKind.Not)
                    {
                        foreach (var name in defines)
                        {
                            variables[name] = match.Groups[name].Value;
                        }
                    }

                    return line;
                }
            }

            return null;
        }

        private string Failure(CheckDirective check, int outputLine, string problem)
        {
            var report = new StringBuilder()
                .Append(testFile).Append(':').Append(check.Line).Append(": ").Append(problem).Append(": ").Append(check).Append('\n');
            if (variables.Count > 0)
            {
                report.Append("with ").AppendJoin(", ", variables.Select(v => $"{v.Key} = \"{v.Value}\"")).Append('\n');
            }

            report.Append("output (>> marks where the search started):\n");
            for (var line = 0; line < lines.Length; line++)
            {
                report.Append(line == outputLine ? ">> " : "   ").Append(lines[line]).Append('\n');
            }

            return report.ToString();
        }
    }
}
