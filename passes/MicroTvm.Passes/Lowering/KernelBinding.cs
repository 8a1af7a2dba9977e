namespace MicroTvm.Passes.Lowering;

/// <summary>What the executor passes for one kernel parameter, in parameter order.</summary>
internal abstract record KernelBinding
{
    private protected KernelBinding()
    {
    }

    /// <summary>The group graph's input number <paramref name="Index"/>.</summary>
    public sealed record Input(int Index) : KernelBinding;

    /// <summary>A constant node of the group graph (weights, biases).</summary>
    public sealed record Constant(Node Node) : KernelBinding;

    /// <summary>Data lowering computed (per-channel multipliers, shifts, zero points).</summary>
    public sealed record Computed(string Hint, TensorData Data) : KernelBinding;

    /// <summary>The group graph's output number <paramref name="Index"/>.</summary>
    public sealed record Output(int Index) : KernelBinding;

    /// <summary>A workspace: scratch the caller provides for the call, bound to no value.</summary>
    public sealed record Scratch : KernelBinding;
}
