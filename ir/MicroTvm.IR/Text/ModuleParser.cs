using Antlr4.Runtime;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>
/// Parses the <c>.mir</c> text format (docs/text-format.md). Never throws on bad input: every
/// error in the file is reported as a diagnostic, sorted by position, and the module is null
/// when there is any.
/// </summary>
public static class ModuleParser
{
    public static ParseResult Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new DiagnosticBag();

        var lexer = new MirLexer(CharStreams.fromString(text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        LexicalErrors.Report(tokens.GetTokens(), fileName, diagnostics);

        var parser = new MirParser(tokens);
        parser.ErrorHandler = new LineRecoveryStrategy();
        parser.RemoveErrorListeners();
        var syntaxErrors = new SyntaxErrorListener(fileName, diagnostics);
        parser.AddErrorListener(syntaxErrors);
        var tree = parser.module();

        var builder = new ModuleBuilder(new LiteralReader(fileName, diagnostics), new CleanSubtrees(syntaxErrors.ErrorTokenIndices), diagnostics);
        var module = builder.Build(tree);
        var sorted = diagnostics.Items
            .OrderBy(d => d.Location?.Line ?? int.MaxValue)
            .ThenBy(d => d.Location?.Column ?? int.MaxValue)
            .ToImmutableArray();
        return new ParseResult(diagnostics.HasErrors ? null : module, sorted);
    }
}
