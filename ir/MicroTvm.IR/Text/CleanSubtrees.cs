using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace MicroTvm.IR.Text;

/// <summary>
/// Tells which subtrees no syntax error touched, so that the builder never sees a partial tree
/// and does not pile guesses on top of an error already reported.
/// </summary>
internal sealed class CleanSubtrees(IReadOnlySet<int> errorTokenIndices)
{
    /// <summary>
    /// True when the subtree has no failed rule and no error node, and no syntax error was
    /// reported at its tokens or at the token right after it (where a construct cut short by
    /// error recovery ends; single-token recovery leaves no other trace in the tree).
    /// </summary>
    public bool IsClean(IParseTree? tree) => tree switch
    {
        null or IErrorNode => false,
        ParserRuleContext rule => rule.exception is null && !TouchesError(rule) && ChildrenAreClean(rule),
        _ => true,
    };

    private bool TouchesError(ParserRuleContext rule)
    {
        var start = rule.Start.TokenIndex;
        var stop = Math.Max(start, rule.Stop?.TokenIndex ?? start);
        foreach (var index in errorTokenIndices)
        {
            if (index >= start && index <= stop + 1)
            {
                return true;
            }
        }

        return false;
    }

    private bool ChildrenAreClean(ParserRuleContext rule)
    {
        for (var i = 0; i < rule.ChildCount; i++)
        {
            switch (rule.GetChild(i))
            {
                case IErrorNode:
                    return false;
                case ParserRuleContext child when !IsClean(child):
                    return false;
            }
        }

        return true;
    }
}
