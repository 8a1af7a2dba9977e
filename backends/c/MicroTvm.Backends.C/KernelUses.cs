using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.C;

/// <summary>Which buffers and variables a piece of kernel IR touches, for the (void) casts that keep -Wunused quiet.</summary>
internal static class KernelUses
{
    /// <summary>Names of the buffers loaded from or stored to.</summary>
    public static HashSet<string> Buffers(Stmt body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in Statements(body))
        {
            if (statement is Store store)
            {
                names.Add(store.Buffer.Name);
            }
        }

        foreach (var expression in Expressions(body))
        {
            if (expression is Load load)
            {
                names.Add(load.Buffer.Name);
            }
        }

        return names;
    }

    /// <summary>Whether any expression in <paramref name="statements"/> reads <paramref name="variable"/>.</summary>
    public static bool Reads(ReadOnlySpan<Stmt> statements, string variable)
    {
        foreach (var statement in statements)
        {
            foreach (var expression in Expressions(statement))
            {
                if (expression is Var read && read.Name == variable)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<Stmt> Statements(Stmt statement)
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

    private static IEnumerable<Expr> Expressions(Stmt body)
    {
        foreach (var statement in Statements(body))
        {
            IEnumerable<Expr> roots = statement switch
            {
                Store store => [store.Index, store.Value],
                Declare declare => [declare.Init],
                Assign assign => [assign.Value],
                If branch => [branch.Condition],
                _ => [],
            };
            foreach (var root in roots)
            {
                foreach (var expression in Subexpressions(root))
                {
                    yield return expression;
                }
            }
        }
    }

    private static IEnumerable<Expr> Subexpressions(Expr expression)
    {
        yield return expression;
        IEnumerable<Expr> children = expression switch
        {
            Load load => [load.Index],
            Binary binary => [binary.Left, binary.Right],
            Not not => [not.Operand],
            Cast cast => [cast.Value],
            Saturate saturate => [saturate.Value],
            Select select => [select.Condition, select.IfTrue, select.IfFalse],
            Call call => call.Arguments,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var nested in Subexpressions(child))
            {
                yield return nested;
            }
        }
    }
}
