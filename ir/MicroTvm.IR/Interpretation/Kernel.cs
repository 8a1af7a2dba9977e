namespace MicroTvm.IR.Interpretation;

/// <summary>Evaluates one node: operand tensors in, one tensor per result out.</summary>
internal delegate ImmutableArray<HostTensor> Kernel(KernelContext context);
