namespace MicroTvm.IR;

internal static class CallInference
{
    /// <summary>
    /// A node sees only its own graph, not the callee: the declared result types stand, and
    /// <see cref="Verification.ModuleVerifier"/> checks them against the callee's outputs.
    /// </summary>
    public static ImmutableArray<TensorType> Call(InferenceContext context) =>
        [.. context.Node.Results.Select(result => result.Type)];
}
