using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.C;

/// <summary>Which buffers and variables a piece of kernel IR touches, for the (void) casts that keep -Wunused quiet.</summary>
internal static class KernelUses
{
    /// <summary>Names of the buffers loaded from or stored to.</summary>
    public static HashSet<string> Buffers(Stmt body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in KernelTraversal.Statements(body))
        {
            if (statement is Store store)
            {
                names.Add(store.Buffer.Name);
            }
        }

        foreach (var expression in KernelTraversal.Expressions(body))
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
            foreach (var expression in KernelTraversal.Expressions(statement))
            {
                if (expression is Var read && read.Name == variable)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
