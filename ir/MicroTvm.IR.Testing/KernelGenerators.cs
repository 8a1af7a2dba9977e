using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Testing;

/// <summary>
/// Random verified kernels (<see cref="RandomKernelBuilder"/>, with awkward names) and modules
/// that hold them beside random graphs, for the text format's round-trip property.
/// </summary>
public static class KernelGenerators
{
    /// <summary>Kernel names: bare ones, keywords of the syntax, and names with dots.</summary>
    private static readonly string[] Names = ["k", "fused_0", "kernel", "graph", "main.1", ".k", "_", "in"];

    public static Gen<KernelFunction> Kernel() =>
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        from name in Gen.Elements(Names)
        select RandomKernelBuilder.Build(seed, name, awkwardNames: true).Function;

    /// <summary>A random module (<see cref="ModuleGenerators.Module"/>) with zero to three random kernels.</summary>
    public static Gen<Module> ModuleWithKernels() =>
        from module in ModuleGenerators.Module()
        from count in Gen.Choose(0, 3)
        from kernels in Gen.ListOf(Kernel(), count)
        select module.WithKernels([.. kernels]);

    /// <summary>Shrinks by dropping kernels, then as <see cref="ModuleGenerators.Shrink"/> does.</summary>
    public static Arbitrary<Module> ArbitraryModuleWithKernels() => Arb.From(ModuleWithKernels(), Shrink);

    private static IEnumerable<Module> Shrink(Module module)
    {
        for (var i = 0; i < module.Kernels.Length; i++)
        {
            yield return module.WithKernels(module.Kernels.RemoveAt(i));
        }

        foreach (var smaller in ModuleGenerators.Shrink(module))
        {
            yield return smaller;
        }
    }
}
