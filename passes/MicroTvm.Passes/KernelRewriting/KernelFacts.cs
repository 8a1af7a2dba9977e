using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.KernelRewriting;

/// <summary>What a statement or expression reads, writes and declares, found by walking it.</summary>
public static class KernelFacts
{
    /// <summary>Every expression a statement evaluates directly or in nested statements (roots only, not their subexpressions).</summary>
    public static IEnumerable<Expr> RootExpressions(Stmt statement)
    {
        switch (statement)
        {
            case Block block:
                foreach (var child in block.Statements)
                {
                    foreach (var expression in RootExpressions(child))
                    {
                        yield return expression;
                    }
                }

                break;
            case For loop:
                foreach (var expression in RootExpressions(loop.Body))
                {
                    yield return expression;
                }

                break;
            case Store store:
                yield return store.Index;
                yield return store.Value;
                break;
            case Declare declare:
                yield return declare.Init;
                break;
            case Assign assign:
                yield return assign.Value;
                break;
            case If branch:
                yield return branch.Condition;
                foreach (var expression in RootExpressions(branch.Then))
                {
                    yield return expression;
                }

                if (branch.Else is { } otherwise)
                {
                    foreach (var expression in RootExpressions(otherwise))
                    {
                        yield return expression;
                    }
                }

                break;
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

    /// <summary>Every statement, in pre-order.</summary>
    public static IEnumerable<Stmt> Statements(Stmt statement)
    {
        yield return statement;
        IEnumerable<Stmt> children = statement switch
        {
            Block block => block.Statements,
            For loop => [loop.Body],
            If { Else: { } otherwise } branch => [branch.Then, otherwise],
            If branch => [branch.Then],
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var nested in Statements(child))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Every subexpression, in pre-order.</summary>
    public static IEnumerable<Expr> Subexpressions(Expr expression)
    {
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

    /// <summary>Names of the locals assigned anywhere in <paramref name="statement"/>.</summary>
    public static HashSet<string> AssignedVariables(Stmt statement) =>
        [.. Statements(statement).OfType<Assign>().Select(a => a.Variable.Name)];

    /// <summary>Names of the buffers stored to anywhere in <paramref name="statement"/>.</summary>
    public static HashSet<string> StoredBuffers(Stmt statement) =>
        [.. Statements(statement).OfType<Store>().Select(s => s.Buffer.Name)];

    /// <summary>Names of the variables read anywhere in <paramref name="statement"/>.</summary>
    public static HashSet<string> ReadVariables(Stmt statement) =>
        [.. RootExpressions(statement).SelectMany(Subexpressions).OfType<Var>().Select(v => v.Name)];

    /// <summary>Whether <paramref name="expression"/> reads a variable of that name.</summary>
    public static bool Reads(Expr expression, string name) =>
        Subexpressions(expression).Any(e => e is Var variable && variable.Name == name);

    /// <summary>Every name the kernel uses: its own, its buffers', its loop variables' and locals'.</summary>
    public static HashSet<string> Names(KernelFunction kernel)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { kernel.Name };
        names.UnionWith(kernel.Parameters.Select(p => p.Name));
        foreach (var statement in Statements(kernel.Body))
        {
            switch (statement)
            {
                case For loop:
                    names.Add(loop.Variable.Name);
                    break;
                case Declare declare:
                    names.Add(declare.Variable.Name);
                    break;
            }
        }

        names.UnionWith(ReadVariables(kernel.Body));
        return names;
    }

    /// <summary>The number of statement and expression nodes: the size measure the passes report and limit.</summary>
    public static int NodeCount(Stmt statement)
    {
        var count = 0;
        foreach (var node in Statements(statement))
        {
            count++;
            count += node switch
            {
                Store store => Count(store.Index) + Count(store.Value),
                Declare declare => Count(declare.Init),
                Assign assign => Count(assign.Value),
                If branch => Count(branch.Condition),
                _ => 0,
            };
        }

        return count;
    }

    /// <summary>The number of expression nodes.</summary>
    public static int Count(Expr expression) => Subexpressions(expression).Count();
}
