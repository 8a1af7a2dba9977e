using MicroTvm.IR.Kernels;
using MicroTvm.Backends.Testing;

namespace MicroTvm.Backends.C.Tests;

/// <summary>The hand-written samples compile warning-free with the strict flags, for the host and for a Cortex-M4.</summary>
public sealed class CCompilationTests
{
    [CompilerFact("gcc")]
    public void CompilesForTheHost() => Compile("gcc", string.Empty);

    [CompilerFact("arm-none-eabi-gcc")]
    public void CompilesForCortexM4() => Compile("arm-none-eabi-gcc", "-mcpu=cortex-m4 -mthumb");

    private static void Compile(string compiler, string targetFlags)
    {
        using var scratch = new ScratchDirectory();
        var source = scratch.File("kernels.c");
        var external = new CEmitOptions { Static = false };
        var withConstants = new CEmitOptions { Static = false, ConstantData = SampleKernels.DenseConstants() };
        var renamed = new KernelFunction("dense_with_constants", SampleKernels.Dense().Parameters, SampleKernels.Dense().Body);
        File.WriteAllText(source, CKernelEmitter.Includes + "\n"
            + CKernelEmitter.Emit(SampleKernels.Dense(), external) + "\n"
            + CKernelEmitter.Emit(renamed, withConstants) + "\n"
            + CKernelEmitter.Emit(SampleKernels.Everything(), external));
        CCompiler.Compile(compiler, source, scratch.File("kernels.o"), $"{targetFlags} {CCompiler.StrictFlags} -O2 -c");
    }
}
