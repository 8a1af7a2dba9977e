using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.Lowering;

/// <summary>A group lowered to one kernel: the function, what each parameter is bound to (same order), and its multiply-accumulates.</summary>
internal sealed record LoweredKernel(KernelFunction Function, ImmutableArray<KernelBinding> Bindings, long Macs)
{
    /// <summary>The schedule chosen for a scheduled convolution or fully-connected kernel (e.g. <c>dense-dsp oc-unroll=4</c>); null otherwise.</summary>
    public string? Schedule { get; init; }
}
