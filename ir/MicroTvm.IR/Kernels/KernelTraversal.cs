namespace MicroTvm.IR.Kernels;

/// <summary>Walks kernel IR: statements in pre-order, the expressions each evaluates, subexpressions in pre-order.</summary>
public static class KernelTraversal
{
    /// <summary>Every statement, in pre-order.</summary>
    public static IEnumerable<Stmt> Statements(Stmt statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var stack = new Stack<Stmt>();
        stack.Push(statement);
        while (stack.TryPop(out var current))
        {
            yield return current;
            switch (current)
            {
                case Block block:
                    for (var i = block.Statements.Length - 1; i >= 0; i--)
                    {
                        stack.Push(block.Statements[i]);
                    }

                    break;
                case For loop:
                    stack.Push(loop.Body);
                    break;
                case If branch:
                    if (branch.Else is { } otherwise)
                    {
                        stack.Push(otherwise);
                    }

                    stack.Push(branch.Then);
                    break;
            }
        }
    }

    /// <summary>The expressions one statement evaluates itself, not those of nested statements.</summary>
    public static IEnumerable<Expr> OwnExpressions(Stmt statement) => statement switch
    {
        Store store => [store.Index, store.Value],
        Declare declare => [declare.Init],
        Assign assign => [assign.Value],
        If branch => [branch.Condition],
        _ => [],
    };

    /// <summary>Every subexpression, in pre-order.</summary>
    public static IEnumerable<Expr> Subexpressions(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var stack = new Stack<Expr>();
        stack.Push(expression);
        while (stack.TryPop(out var current))
        {
            yield return current;
            switch (current)
            {
                case Load load:
                    stack.Push(load.Index);
                    break;
                case Binary binary:
                    stack.Push(binary.Right);
                    stack.Push(binary.Left);
                    break;
                case Not not:
                    stack.Push(not.Operand);
                    break;
                case Cast cast:
                    stack.Push(cast.Value);
                    break;
                case Select select:
                    stack.Push(select.IfFalse);
                    stack.Push(select.IfTrue);
                    stack.Push(select.Condition);
                    break;
                case Saturate saturate:
                    stack.Push(saturate.Value);
                    break;
                case Call call:
                    for (var i = call.Arguments.Length - 1; i >= 0; i--)
                    {
                        stack.Push(call.Arguments[i]);
                    }

                    break;
            }
        }
    }

    /// <summary>Every expression and subexpression anywhere in <paramref name="statement"/>.</summary>
    public static IEnumerable<Expr> Expressions(Stmt statement) =>
        Statements(statement).SelectMany(OwnExpressions).SelectMany(Subexpressions);
}
