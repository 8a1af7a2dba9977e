using System.Text;

namespace MicroTvm.Backends.C;

/// <summary>
/// Gives every kernel IR name a distinct C identifier: '.' becomes '_', and names that are C
/// keywords, identifiers the emitted code itself uses, or reserved by the C standard or the
/// runtime (mtvm_ and MTVM_ prefixes) get a suffix or prefix. The same IR name always maps to the
/// same identifier, so sibling scopes reusing a name stay readable.
/// </summary>
internal sealed class CNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_Bool", "_Complex", "_Imaginary", "bool", "true", "false", "main",
        "int8_t", "uint8_t", "int16_t", "int32_t", "int64_t", "INT32_MIN", "INT32_MAX", "INT64_MIN", "INT64_MAX", "INT64_C",
        "NAN", "INFINITY", "expf", "logf", "sqrtf", "tanhf", "floorf", "rintf", "roundf",
    };

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>The identifier for <paramref name="name"/>, allocating one on first use.</summary>
    public string Of(string name)
    {
        if (_names.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var candidate = Sanitise(name);
        var unique = candidate;
        for (var suffix = 2; !_taken.Add(unique); suffix++)
        {
            unique = $"{candidate}_{suffix}";
        }

        _names[name] = unique;
        return unique;
    }

    /// <summary>Takes an identifier (a file-scope constant's) without a kernel IR name behind it.</summary>
    public string Claim(string identifier)
    {
        var unique = identifier;
        for (var suffix = 2; !_taken.Add(unique); suffix++)
        {
            unique = $"{identifier}_{suffix}";
        }

        return unique;
    }

    private static string Sanitise(string name)
    {
        var text = new StringBuilder(name.Length + 2);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var identifier = text.ToString();
        if (identifier.StartsWith('_') || identifier.StartsWith("mtvm_", StringComparison.OrdinalIgnoreCase))
        {
            return "v" + identifier;
        }

        return Reserved.Contains(identifier) ? identifier + "_" : identifier;
    }
}
