using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>Words for tokens and sets of expected tokens in syntax error messages.</summary>
internal static class TokenDescriptions
{
    private static readonly int[] Keywords =
    [
        MirLexer.MODULE, MirLexer.GRAPH, MirLexer.ATTRIBUTES, MirLexer.RETURN, MirLexer.TENSOR, MirLexer.DENSE,
        MirLexer.Q, MirLexer.AXIS, MirLexer.TRUE, MirLexer.FALSE, MirLexer.INF, MirLexer.NAN,
        MirLexer.KERNEL, MirLexer.IN, MirLexer.OUT, MirLexer.CONST, MirLexer.WORKSPACE, MirLexer.ALIGN,
        MirLexer.FOR, MirLexer.UNROLL, MirLexer.VAR, MirLexer.IF, MirLexer.ELSE, MirLexer.CAST, MirLexer.SATURATE,
    ];

    public static string Describe(IToken token) =>
        token.Type == TokenConstants.EOF ? "end of file" : $"'{token.Text}'";

    public static string Describe(IntervalSet expected)
    {
        var types = new List<int>(expected.ToList());
        // Where an identifier will do, keywords are identifiers too (attribute keys); where a
        // float will do, inf and nan are floats: name only the general token.
        if (types.Contains(MirLexer.IDENT))
        {
            // 'return' ends a graph: name it where a statement of a graph may follow.
            var graphStatement = types.Contains(MirLexer.VALUE_NAME);
            types.RemoveAll(type => Array.IndexOf(Keywords, type) >= 0 && (type != MirLexer.RETURN || !graphStatement));
        }

        if (types.Contains(MirLexer.FLOAT))
        {
            types.RemoveAll(type => type is MirLexer.INF or MirLexer.NEG_INF or MirLexer.NAN);
        }

        var words = types.Select(Describe).Distinct().ToList();
        return words.Count switch
        {
            0 => "nothing",
            1 => words[0],
            _ => string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1],
        };
    }

    private static string Describe(int type) => type switch
    {
        TokenConstants.EOF => "end of file",
        MirLexer.VALUE_NAME => "a value name (%name)",
        MirLexer.IDENT => "a name",
        MirLexer.INT => "an integer",
        MirLexer.FLOAT => "a float",
        MirLexer.STRING => "a string",
        MirLexer.DIMS => "dimensions (such as 1x8x)",
        MirLexer.RANGE => "a loop range (such as 0..8)",
        MirLexer.GRAPH_NAME => "a graph or kernel name (@name)",
        MirLexer.NAN => "'nan'",
        _ => MirLexer.DefaultVocabulary.GetLiteralName(type) ?? MirLexer.DefaultVocabulary.GetSymbolicName(type),
    };
}
