using Antlr4.Runtime;
using MicroTvm.Passes.Pipelines.Grammar;

namespace MicroTvm.Passes.Pipelines;

/// <summary>Parses <c>.pass</c> text: whole files, inline step lists and single values (command-line overrides).</summary>
public static class PipelineParser
{
    public static PipelineParseResult ParseFile(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var tree = CreateParser(text, fileName, diagnostics).file();
        if (diagnostics.HasErrors)
        {
            return new PipelineParseResult(null, diagnostics.ToImmutable());
        }

        var builder = new SyntaxBuilder(fileName, diagnostics);
        var file = builder.File(tree);
        return new PipelineParseResult(diagnostics.HasErrors ? null : file, diagnostics.ToImmutable());
    }

    /// <summary>Parses a pipeline body written inline, e.g. <c>infer-types, fuse-ops { max-depth = 4 }</c>.</summary>
    public static (ImmutableArray<PipelineStep> Steps, ImmutableArray<Diagnostic> Diagnostics) ParseSteps(string text, string origin)
    {
        var diagnostics = new DiagnosticBag();
        var tree = CreateParser(text, origin, diagnostics).standaloneSteps();
        if (diagnostics.HasErrors)
        {
            return ([], diagnostics.ToImmutable());
        }

        var steps = new SyntaxBuilder(origin, diagnostics).Steps(tree.step());
        return (steps, diagnostics.ToImmutable());
    }

    public static (PipelineValue? Value, ImmutableArray<Diagnostic> Diagnostics) ParseValue(string text, string origin)
    {
        var diagnostics = new DiagnosticBag();
        var tree = CreateParser(text, origin, diagnostics).standaloneValue();
        if (diagnostics.HasErrors)
        {
            return (null, diagnostics.ToImmutable());
        }

        var value = new SyntaxBuilder(origin, diagnostics).Value(tree.value());
        return (diagnostics.HasErrors ? null : value, diagnostics.ToImmutable());
    }

    private static PassPipelineParser CreateParser(string text, string fileName, DiagnosticBag diagnostics)
    {
        var collector = new SyntaxErrorCollector(fileName, diagnostics);
        var lexer = new PassPipelineLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(collector);
        var parser = new PassPipelineParser(new CommonTokenStream(lexer));
        parser.RemoveErrorListeners();
        parser.AddErrorListener(collector);
        return parser;
    }
}
