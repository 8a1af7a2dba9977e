using Antlr4.Runtime;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>
/// Collects ANTLR's syntax errors as diagnostics, rephrased as "expected X but found Y". Errors
/// at error tokens are not repeated: <see cref="LexicalErrors"/> reported those more precisely.
/// </summary>
internal sealed class SyntaxErrorListener(string fileName, DiagnosticBag diagnostics) : IAntlrErrorListener<IToken>
{
    private readonly HashSet<int> _errorTokenIndices = [];

    /// <summary>Indices of the tokens at which errors were reported.</summary>
    public IReadOnlySet<int> ErrorTokenIndices => _errorTokenIndices;

    public void SyntaxError(
        TextWriter output,
        IRecognizer recognizer,
        IToken offendingSymbol,
        int line,
        int charPositionInLine,
        string msg,
        RecognitionException e)
    {
        _errorTokenIndices.Add(offendingSymbol.TokenIndex);
        if (offendingSymbol.Type is MirLexer.UNTERMINATED_STRING or MirLexer.UNKNOWN_CHARACTER)
        {
            return;
        }

        var expected = e?.GetExpectedTokens() ?? ((Parser)recognizer).GetExpectedTokens();
        var message = $"expected {TokenDescriptions.Describe(expected)} but found {TokenDescriptions.Describe(offendingSymbol)}";
        diagnostics.Error(TextDiagnosticIds.SyntaxError, message, new SourceLocation(fileName, line, charPositionInLine + 1));
    }
}
