namespace MicroTvm.Passes.Pipelines;

/// <summary>
/// Reads a <c>.pass</c> file and, depth first, the files it includes (paths relative to the
/// including file; each file once). Reports every syntax error, missing file and include cycle.
/// </summary>
public static class PipelineLoader
{
    public static PipelineLibrary Load(string path) => Load(path, File.ReadAllText);

    /// <param name="path">The root file; diagnostics name files as they are reached from it.</param>
    /// <param name="readFile">Reads a file (the file system, or a dictionary in tests); throws IOException when it is missing.</param>
    public static PipelineLibrary Load(string path, Func<string, string> readFile)
    {
        var state = new LoadState(readFile);
        var root = state.Visit(path, includedFrom: null);
        return new PipelineLibrary(
            state.Diagnostics.HasErrors ? null : root,
            [.. state.Files],
            state.Sources.ToImmutable(),
            state.Diagnostics.ToImmutable());
    }

    /// <summary>Loads inline pipeline text (a whole file's syntax) that includes nothing.</summary>
    public static PipelineLibrary FromText(string text, string fileName) => Load(fileName, _ => text);

    private sealed class LoadState(Func<string, string> readFile)
    {
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);
        private readonly List<string> _stack = [];

        public DiagnosticBag Diagnostics { get; } = new();

        public List<PipelineFile> Files { get; } = [];

        public ImmutableDictionary<string, string>.Builder Sources { get; } = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);

        public PipelineFile? Visit(string path, IncludeDirective? includedFrom)
        {
            var key = Path.GetFullPath(path);
            var cycleStart = _stack.IndexOf(key);
            if (cycleStart >= 0)
            {
                var cycle = _stack.Skip(cycleStart).Append(key).Select(Path.GetFileName);
                Diagnostics.Error(PassDiagnosticIds.IncludeCycle, $"include cycle: {string.Join(" -> ", cycle)}", includedFrom!.Location);
                return null;
            }

            if (!_done.Add(key))
            {
                return null;
            }

            string text;
            try
            {
                text = readFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var message = includedFrom is null ? $"cannot read pipeline file '{path}': {e.Message}" : $"cannot find included file '{includedFrom.Path}'";
                Diagnostics.Error(PassDiagnosticIds.IncludeNotFound, message, includedFrom?.Location);
                return null;
            }

            Sources[path] = text;
            var parsed = PipelineParser.ParseFile(text, path);
            Diagnostics.AddRange(parsed.Diagnostics);
            if (parsed.File is not { } file)
            {
                return null;
            }

            Files.Add(file);
            _stack.Add(key);
            foreach (var include in file.Includes)
            {
                Visit(Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, include.Path), include);
            }

            _stack.RemoveAt(_stack.Count - 1);
            return file;
        }
    }
}
