using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.Lowering;

/// <summary>A group lowered to one kernel: the function, what each parameter is bound to (same order), and its multiply-accumulates.</summary>
internal sealed record LoweredKernel(KernelFunction Function, ImmutableArray<KernelBinding> Bindings, long Macs);
