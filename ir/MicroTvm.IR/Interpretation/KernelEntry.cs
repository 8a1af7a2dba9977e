namespace MicroTvm.IR.Interpretation;

/// <summary>
/// How one op is evaluated: <see cref="Kernel"/> for float and plain integer tensors (or for any
/// tensors in the storage domain), and <see cref="Quantized"/> for quantized nodes. A real-domain
/// op without a quantized kernel is emulated: dequantize, float kernel, quantize.
/// </summary>
internal sealed record KernelEntry(KernelDomain Domain, Kernel Kernel, Kernel? Quantized)
{
    public static KernelEntry Storage(Kernel kernel) => new(KernelDomain.Storage, kernel, null);

    public static KernelEntry Real(Kernel kernel, Kernel? quantized = null) => new(KernelDomain.Real, kernel, quantized);
}
