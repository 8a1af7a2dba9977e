using System.Text;

namespace MicroTvm.Passes;

/// <summary>CLI-visible spellings of C# names: <c>HillClimb</c> → <c>hill-climb</c>.</summary>
internal static class KebabCase
{
    public static string From(string pascal)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
