using System.Text;
using System.Text.RegularExpressions;

namespace MicroTvm.Passes.Testing;

/// <summary>
/// Compiles a FileCheck pattern to a regex: literal text, <c>{{regex}}</c>, <c>[[X:regex]]</c>
/// (captures X) and <c>[[X]]</c> (the text X captured earlier). A run of spaces matches any run
/// of horizontal whitespace.
/// </summary>
internal static partial class CheckPattern
{
    public static Regex Compile(string pattern, IReadOnlyDictionary<string, string> variables, out ImmutableArray<string> defines)
    {
        var regex = new StringBuilder();
        var defined = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern.AsSpan(i).StartsWith("{{"))
            {
                var end = pattern.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"unterminated '{{{{' in '{pattern}'");
                }

                regex.Append("(?:").Append(pattern, i + 2, end - i - 2).Append(')');
                i = end + 2;
            }
            else if (pattern.AsSpan(i).StartsWith("[["))
            {
                var end = pattern.IndexOf("]]", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"unterminated '[[' in '{pattern}'");
                }

                var body = pattern[(i + 2)..end];
                var colon = body.IndexOf(':');
                if (colon >= 0)
                {
                    var name = body[..colon];
                    regex.Append("(?<").Append(name).Append('>').Append(body, colon + 1, body.Length - colon - 1).Append(')');
                    defined.Add(name);
                }
                else if (defined.Contains(body))
                {
                    regex.Append(@"\k<").Append(body).Append('>');
                }
                else if (variables.TryGetValue(body, out var value))
                {
                    regex.Append(Regex.Escape(value));
                }
                else
                {
                    throw new FormatException($"variable '{body}' is used before it is captured");
                }

                i = end + 2;
            }
            else if (pattern[i] is ' ' or '\t')
            {
                while (i < pattern.Length && pattern[i] is ' ' or '\t')
                {
                    i++;
                }

                regex.Append(@"[ \t]+");
            }
            else
            {
                regex.Append(Regex.Escape(pattern[i].ToString()));
                i++;
            }
        }

        defines = defined.ToImmutable();
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }
}
