using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>A kernel to export under <paramref name="Symbol"/>, with the bytes of those constant buffers that are compiled in.</summary>
public sealed record LlvmKernelDefinition(KernelFunction Function, string Symbol, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? ConstantData = null);
