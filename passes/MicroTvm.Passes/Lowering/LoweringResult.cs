namespace MicroTvm.Passes.Lowering;

/// <summary>A lowered kernel, or why the group has none: the node and op that cannot be lowered yet.</summary>
internal sealed record LoweringResult(LoweredKernel? Kernel, Node? FailedNode, string? Failure)
{
    public static LoweringResult Success(LoweredKernel kernel) => new(kernel, null, null);

    public static LoweringResult Unsupported(Node node, string message) => new(null, node, message);
}
