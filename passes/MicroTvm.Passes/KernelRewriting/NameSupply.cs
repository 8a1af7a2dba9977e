using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.KernelRewriting;

/// <summary>
/// Fresh variable names for one kernel: never a name the kernel already uses (buffer, loop
/// variable or local, in any scope), nor one handed out before, so a new local can be declared
/// anywhere without shadowing anything the verifier would reject.
/// </summary>
public sealed class NameSupply(KernelFunction kernel)
{
    private readonly HashSet<string> _taken = KernelFacts.Names(kernel);

    /// <summary><paramref name="stem"/> itself when free, else the stem with the first free numeric suffix.</summary>
    public string Fresh(string stem)
    {
        if (_taken.Add(stem))
        {
            return stem;
        }

        for (var n = 0; ; n++)
        {
            var candidate = $"{stem}_{n}";
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    public Var Fresh(string stem, ElementType type) => new(Fresh(stem), type);
}
