using System.Text.Json;

namespace MicroTvm.Driver.Micro;

/// <summary>
/// A project's settings, kept in <c>mtvm-project.json</c> so that <c>micro build</c>, <c>micro
/// flash</c> and <c>run</c> need no flags: the board, the models (by C name, in table order; each
/// under <c>models/&lt;c_name&gt;/</c>) and the firmware's arena, stack and optimisation flags.
/// Nothing machine-specific: the project can be moved or checked in.
/// </summary>
public sealed record ProjectOptions(string Board, ImmutableArray<string> Models, long ArenaSize, long StackSize, string Opt)
{
    public const string FileName = "mtvm-project.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static ProjectOptions Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new UsageException($"'{directory}' is not a project: it has no {FileName} (make one with 'micro create-project')");
        }

        try
        {
            return JsonSerializer.Deserialize<ProjectOptions>(File.ReadAllBytes(path), Json) is { Board: not null, Models.IsDefaultOrEmpty: false, Opt: not null } options
                ? options
                : throw new JsonException("board, models and opt are required");
        }
        catch (JsonException e)
        {
            throw new UsageException($"'{path}' is malformed: {e.Message}");
        }
    }

    public void Write(string directory) => File.WriteAllBytes(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json));
}
