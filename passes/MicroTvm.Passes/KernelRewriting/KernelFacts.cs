using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.KernelRewriting;

/// <summary>What a statement or expression reads, writes and declares, found by walking it.</summary>
public static class KernelFacts
{
    /// <summary>Every expression a statement evaluates directly or in nested statements (roots only, not their subexpressions).</summary>
    public static IEnumerable<Expr> RootExpressions(Stmt statement) =>
        KernelTraversal.Statements(statement).SelectMany(KernelTraversal.OwnExpressions);

    /// <summary>Names of the locals assigned anywhere in <paramref name="statement"/>.</summary>
    public static HashSet<string> AssignedVariables(Stmt statement) =>
        [.. KernelTraversal.Statements(statement).OfType<Assign>().Select(a => a.Variable.Name)];

    /// <summary>Names of the buffers stored to anywhere in <paramref name="statement"/>.</summary>
    public static HashSet<string> StoredBuffers(Stmt statement) =>
        [.. KernelTraversal.Statements(statement).OfType<Store>().Select(s => s.Buffer.Name)];

    /// <summary>Names of the variables read anywhere in <paramref name="statement"/>.</summary>
    public static HashSet<string> ReadVariables(Stmt statement) =>
        [.. RootExpressions(statement).SelectMany(KernelTraversal.Subexpressions).OfType<Var>().Select(v => v.Name)];

    /// <summary>Every name the kernel uses: its own, its buffers', its loop variables' and locals'.</summary>
    public static HashSet<string> Names(KernelFunction kernel)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { kernel.Name };
        names.UnionWith(kernel.Parameters.Select(p => p.Name));
        foreach (var statement in KernelTraversal.Statements(kernel.Body))
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
        foreach (var node in KernelTraversal.Statements(statement))
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
    public static int Count(Expr expression) => KernelTraversal.Subexpressions(expression).Count();
}
