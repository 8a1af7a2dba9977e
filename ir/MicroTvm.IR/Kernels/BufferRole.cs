namespace MicroTvm.IR.Kernels;

/// <summary>What a kernel may do with a buffer parameter and who owns its memory.</summary>
public enum BufferRole
{
    /// <summary>An activation the kernel reads; never written.</summary>
    Input,

    /// <summary>An activation the kernel writes (and may read back).</summary>
    Output,

    /// <summary>Weights, biases, multipliers: read-only, may live in flash.</summary>
    Constant,

    /// <summary>Scratch memory private to one kernel call, uninitialised on entry.</summary>
    Workspace,
}
