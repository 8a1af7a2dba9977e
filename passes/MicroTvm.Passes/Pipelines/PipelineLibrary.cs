namespace MicroTvm.Passes.Pipelines;

/// <summary>
/// A <c>.pass</c> file with everything it includes: the parsed files (root first), the text of
/// each (for showing diagnostics with their source line), and the diagnostics of loading.
/// </summary>
public sealed record PipelineLibrary(
    PipelineFile? Root,
    ImmutableArray<PipelineFile> Files,
    ImmutableDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Every declaration of every file, root file first, in order.</summary>
    public IEnumerable<PipelineDeclaration> Declarations => Files.SelectMany(f => f.Pipelines);
}
