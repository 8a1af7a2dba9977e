namespace MicroTvm.Driver.Output;

/// <summary>The spellings of <see cref="OutputFormat"/> on the command line, and the format an output path implies.</summary>
internal static class OutputFormats
{
    private static readonly (string Name, OutputFormat Format)[] Spellings =
    [
        ("mir", OutputFormat.Mir), ("mlf", OutputFormat.Mlf), ("c", OutputFormat.C), ("object", OutputFormat.Object), ("static-lib", OutputFormat.StaticLib),
    ];

    public static IEnumerable<string> Names => Spellings.Select(s => s.Name);

    public static bool TryParse(string text, out OutputFormat format)
    {
        foreach (var (name, value) in Spellings)
        {
            if (name == text)
            {
                format = value;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>From -o: .tar → mlf, .o → object, .a → static-lib, .mir → mir, a directory (existing, ending in '/', or without extension) → c.</summary>
    public static OutputFormat FromPath(string path)
    {
        if (Directory.Exists(path) || path.EndsWith('/'))
        {
            return OutputFormat.C;
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".tar" => OutputFormat.Mlf,
            ".o" => OutputFormat.Object,
            ".a" => OutputFormat.StaticLib,
            ".mir" => OutputFormat.Mir,
            "" => OutputFormat.C,
            var other => throw new UsageException($"cannot tell the output format from '{path}' ('{other}'); name it with --output-format {string.Join("|", Names)}"),
        };
    }
}
