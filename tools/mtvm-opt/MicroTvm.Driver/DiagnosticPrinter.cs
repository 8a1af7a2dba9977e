namespace MicroTvm.Driver;

/// <summary>Prints diagnostics to the error stream, each with its source line and a caret when the file's text is known.</summary>
internal sealed class DiagnosticPrinter(TextWriter error)
{
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    public void AddSource(string fileName, string text) => _sources[fileName] = text;

    public void AddSources(IEnumerable<KeyValuePair<string, string>> sources)
    {
        foreach (var (fileName, text) in sources)
        {
            AddSource(fileName, text);
        }
    }

    /// <summary>Prints all of them; true when one is an error.</summary>
    public bool Print(IEnumerable<Diagnostic> diagnostics)
    {
        var hasErrors = false;
        foreach (var diagnostic in diagnostics)
        {
            var source = diagnostic.Location is { } location ? _sources.GetValueOrDefault(location.File) : null;
            error.WriteLine(DiagnosticFormatter.Format(diagnostic, source));
            hasErrors |= diagnostic.IsError;
        }

        return hasErrors;
    }
}
