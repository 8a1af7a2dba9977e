namespace MicroTvm.IR.Interpretation;

internal enum KernelDomain
{
    /// <summary>The kernel moves stored values (raw quantized integers) and never looks at their meaning.</summary>
    Storage,

    /// <summary>The kernel computes on real values; quantized nodes use the integer kernel, else float emulation.</summary>
    Real,
}
