using System.Text;

namespace MicroTvm.Backends.C;

/// <summary>
/// docs/runtime.md's rule from model, tensor and pool names to C names: every character that is
/// not an ASCII letter or digit becomes '_', letters are lower-cased, a leading digit (or an empty
/// name) gets a '_' in front, a C or C++ keyword gets a '_' behind; within one list, a name
/// already taken by an earlier element gets the smallest free suffix _2, _3, ….
/// </summary>
public static class CModelNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_bool", "_complex", "_imaginary",
        "alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor", "bool", "catch", "char16_t", "char32_t", "char8_t",
        "class", "compl", "concept", "consteval", "constexpr", "constinit", "const_cast", "co_await", "co_return",
        "co_yield", "decltype", "delete", "dynamic_cast", "explicit", "export", "false", "friend", "mutable",
        "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected",
        "public", "reinterpret_cast", "requires", "static_assert", "static_cast", "template", "this", "thread_local",
        "throw", "true", "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor", "xor_eq",
    };

    /// <summary>C(text): the C name of one model, tensor or pool name.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = new StringBuilder(text.Length + 2);
        foreach (var rune in text.EnumerateRunes())
        {
            name.Append(rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value) ? char.ToLowerInvariant((char)rune.Value) : '_');
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        var result = name.ToString();
        return Keywords.Contains(result) ? result + "_" : result;
    }

    /// <summary>The C names of one list (inputs, outputs or pools), collisions resolved in order.</summary>
    public static ImmutableArray<string> OfList(IEnumerable<string> texts)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var text in texts)
        {
            var name = Of(text);
            var unique = name;
            for (var suffix = 2; !taken.Add(unique); suffix++)
            {
                unique = $"{name}_{suffix}";
            }

            names.Add(unique);
        }

        return names.ToImmutable();
    }
}
