using System.Text;

namespace MicroTvm.IR;

/// <summary>
/// Renders a diagnostic for a terminal: the <c>file:line:col: error: … [ID]</c> line, then the
/// source line and a caret under the column when the source text is at hand.
/// </summary>
public static class DiagnosticFormatter
{
    public static string Format(Diagnostic diagnostic, string? sourceText)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var header = diagnostic.ToString();
        if (sourceText is null || diagnostic.Location is not { Line: > 0 } location)
        {
            return header;
        }

        var lines = sourceText.Split('\n');
        if (location.Line > lines.Length)
        {
            return header;
        }

        var line = lines[location.Line - 1].TrimEnd('\r');
        var caret = new StringBuilder();
        // Tabs are copied so the caret lines up however the terminal expands them.
        for (var i = 0; i < Math.Min(location.Column - 1, line.Length); i++)
        {
            caret.Append(line[i] == '\t' ? '\t' : ' ');
        }

        for (var i = line.Length; i < location.Column - 1; i++)
        {
            caret.Append(' ');
        }

        return $"{header}\n{line}\n{caret}^";
    }
}
