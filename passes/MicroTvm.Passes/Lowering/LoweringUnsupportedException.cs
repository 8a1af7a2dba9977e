namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Thrown inside the lowering library when a node has no kernel form yet (an op, a type or an
/// attribute combination); <see cref="GroupLowerer.Lower"/> turns it into a failed result that
/// names the node and the op, and the pass reports that as a diagnostic.
/// </summary>
internal sealed class LoweringUnsupportedException(Node node, string reason)
    : Exception($"%{(node.Results.Length > 0 ? node.Results[0].Name : "?")} = {node.Op.Name}: {reason}")
{
    public Node Node { get; } = node;
}
