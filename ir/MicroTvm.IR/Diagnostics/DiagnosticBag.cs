namespace MicroTvm.IR;

/// <summary>Collects diagnostics so that a phase can report every problem in one run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Error(string id, string message, SourceLocation? location = null) =>
        _items.Add(Diagnostic.Error(id, message, location));

    public ImmutableArray<Diagnostic> ToImmutable() => [.. _items];
}
