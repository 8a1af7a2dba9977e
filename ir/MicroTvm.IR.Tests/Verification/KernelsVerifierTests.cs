using MicroTvm.IR.Kernels;
using MicroTvm.IR.Verification;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Verification;

/// <summary>The module verifier's check of kernels: each passes the kernel verifier, names are unique across graphs and kernels.</summary>
public sealed class KernelsVerifierTests
{
    private static readonly Graph Main = new("main", [], [], []);

    private static readonly KernelBuffer Y = new("y", ElementType.I32, 2, BufferRole.Output);

    [Fact]
    public void AcceptsAModuleWithValidKernels() =>
        Assert.Empty(ModuleVerifier.Verify(new Module([Main], kernels: [Kernel("k0"), Kernel("k1")])));

    [Fact]
    public void ReportsTheKernelVerifiersDiagnostics()
    {
        var broken = new KernelFunction("k", [Y], new Store(Y, I32(2), I32(0)));
        var diagnostic = Assert.Single(ModuleVerifier.Verify(new Module([Main], kernels: [broken])));
        Assert.Equal(KernelDiagnosticIds.IndexOutOfBounds, diagnostic.Id);
    }

    [Theory]
    [InlineData("main", "kernel name 'main' is also the name of a graph")]
    [InlineData("k0", "kernel name 'k0' is used by more than one kernel")]
    public void ReportsNamesUsedTwice(string name, string message)
    {
        var diagnostic = Assert.Single(ModuleVerifier.Verify(new Module([Main], kernels: [Kernel("k0"), Kernel(name)])));
        Assert.Equal((VerifierDiagnosticIds.DuplicateKernelName, message), (diagnostic.Id, diagnostic.Message));
    }

    [Fact]
    public void ModuleEqualityAndCopiesKeepTheKernels()
    {
        var module = new Module([Main], kernels: [Kernel("k0")]);
        Assert.Equal(module, new Module([Main], kernels: [Kernel("k0")]));
        Assert.NotEqual(module, new Module([Main]));
        Assert.Equal(module.Kernels, module.WithGraph(Main).WithGraphs([Main]).WithAttributes(module.Attributes).Kernels);
        Assert.Equal(Kernel("k0"), module.FindKernel("k0"));
        Assert.Null(module.FindKernel("main"));
        Assert.Empty(module.WithKernels([]).Kernels);
    }

    private static KernelFunction Kernel(string name) => new(name, [Y], new Store(Y, I32(1), I32(0)));
}
