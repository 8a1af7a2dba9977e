using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace MicroTvm.IR.Text;

/// <summary>
/// ANTLR's recovery, except that after a syntax error it also skips the rest of the line of the
/// last good token. A name can start a statement (operand-less ops need no parentheses), so
/// resynchronising mid-line would parse leftovers such as <c>f32&gt;</c> as statements and
/// report follow-on errors; statements are written one per line, so the next line is the place
/// to resume.
/// </summary>
internal sealed class LineRecoveryStrategy : DefaultErrorStrategy
{
    protected override void ConsumeUntil(Parser recognizer, IntervalSet set)
    {
        var lastGoodLine = recognizer.InputStream.Index > 0 ? ((ITokenStream)recognizer.InputStream).LT(-1).Line : 0;
        var token = recognizer.CurrentToken;
        while (token.Type != TokenConstants.EOF && (!set.Contains(token.Type) || token.Line == lastGoodLine))
        {
            recognizer.Consume();
            token = recognizer.CurrentToken;
        }
    }
}
