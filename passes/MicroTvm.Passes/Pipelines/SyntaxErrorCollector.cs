using Antlr4.Runtime;

namespace MicroTvm.Passes.Pipelines;

/// <summary>Turns ANTLR's lexer and parser errors into diagnostics instead of console output.</summary>
internal sealed class SyntaxErrorCollector(string fileName, DiagnosticBag diagnostics)
    : IAntlrErrorListener<IToken>, IAntlrErrorListener<int>
{
    public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e) =>
        Report(line, charPositionInLine, msg);

    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e) =>
        Report(line, charPositionInLine, msg);

    private void Report(int line, int column, string message) =>
        diagnostics.Error(PassDiagnosticIds.PipelineSyntax, message, new SourceLocation(fileName, line, column + 1));
}
