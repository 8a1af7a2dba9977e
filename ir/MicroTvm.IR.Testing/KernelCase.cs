using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Testing;

/// <summary>
/// A random kernel with the initial contents of every buffer; constants listed in
/// <see cref="StaticConstants"/> are emitted as static const arrays, the rest stay parameters.
/// </summary>
public sealed record KernelCase(int Seed, KernelFunction Function, IReadOnlyDictionary<string, byte[]> Buffers, IReadOnlySet<string> StaticConstants)
{
    public Dictionary<string, byte[]> CopyBuffers() => Buffers.ToDictionary(p => p.Key, p => (byte[])p.Value.Clone());
}
