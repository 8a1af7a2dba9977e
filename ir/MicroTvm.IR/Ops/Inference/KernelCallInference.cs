namespace MicroTvm.IR;

internal static class KernelCallInference
{
    /// <summary>A node sees only its graph, not the module's kernels: the declared result types stand, and the module verifier checks them against the kernel's outputs.</summary>
    public static ImmutableArray<TensorType> KernelCall(InferenceContext context) =>
        [.. context.Node.Results.Select(result => result.Type)];
}
