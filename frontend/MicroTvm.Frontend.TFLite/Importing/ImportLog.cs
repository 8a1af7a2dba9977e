namespace MicroTvm.Frontend.TFLite.Importing;

/// <summary>The diagnostics of one import, with the errors of each operator kept apart for the supported-ops report.</summary>
internal sealed class ImportLog(string file)
{
    private readonly DiagnosticBag _bag = new();
    private readonly Dictionary<int, List<Diagnostic>> _byOperator = [];

    public string File { get; } = file;

    public bool HasErrors => _bag.HasErrors;

    public ImmutableArray<Diagnostic> Diagnostics => _bag.ToImmutable();

    public void Error(string id, string message, string? place = null) =>
        _bag.Add(Diagnostic.Error(id, message, Location(place)));

    public void Note(string id, string message, string? place = null) =>
        _bag.Add(Diagnostic.Note(id, message, Location(place)));

    public void OperatorError(int index, string opName, string id, string message)
    {
        var diagnostic = Diagnostic.Error(id, $"operator {index} ({opName}): {message}", Location(OperatorPlace(index, opName)));
        _bag.Add(diagnostic);
        if (!_byOperator.TryGetValue(index, out var list))
        {
            _byOperator[index] = list = [];
        }

        list.Add(diagnostic);
    }

    public IReadOnlyList<Diagnostic> ErrorsOf(int operatorIndex) =>
        _byOperator.TryGetValue(operatorIndex, out var list) ? list : [];

    public static string OperatorPlace(int index, string opName) => $"operator {index} ({opName})";

    public SourceLocation Location(string? place) => SourceLocation.InModel(File, place ?? "model");
}
