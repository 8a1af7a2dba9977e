using Antlr4.Runtime;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>Reports the lexer's error tokens: characters that start no token and unterminated strings.</summary>
internal static class LexicalErrors
{
    public static void Report(IList<IToken> tokens, string fileName, DiagnosticBag diagnostics)
    {
        foreach (var token in tokens)
        {
            var location = new SourceLocation(fileName, token.Line, token.Column + 1);
            switch (token.Type)
            {
                case MirLexer.UNKNOWN_CHARACTER:
                    diagnostics.Error(TextDiagnosticIds.UnexpectedCharacter, $"unexpected character {Show(token.Text)}", location);
                    break;
                case MirLexer.UNTERMINATED_STRING:
                    diagnostics.Error(TextDiagnosticIds.UnterminatedString, "unterminated string: missing closing '\"' on this line", location);
                    break;
            }
        }
    }

    private static string Show(string text) =>
        text.Length == 1 && char.IsControl(text[0]) ? $"U+{(int)text[0]:X4}" : $"'{text}'";
}
