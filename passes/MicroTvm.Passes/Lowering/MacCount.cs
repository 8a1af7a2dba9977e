namespace MicroTvm.Passes.Lowering;

/// <summary>Multiply-accumulates of one node as lowered: one per (output element, tap, input channel) of a convolution, per (output, k) of a fully-connected layer, per weight and step of an LSTM; zero for ops without products to accumulate.</summary>
internal static class MacCount
{
    public static long Of(Graph graph, Node node)
    {
        if (ReferenceEquals(node.Op, Ops.UnidirectionalSequenceLstm))
        {
            return LstmLowering.Macs(node, graph);
        }

        if (node.Operands.Length < 2 || graph.Index.FindValue(node.Operands[1]) is not { } second || graph.Index.FindValue(node.Operands[0]) is not { } first)
        {
            return 0;
        }

        if (ReferenceEquals(node.Op, Ops.Conv) || ReferenceEquals(node.Op, Ops.DepthwiseConv))
        {
            return ConvolutionLowering.Macs(node, first.Type, second.Type);
        }

        return ReferenceEquals(node.Op, Ops.FullyConnected) ? node.Result.Type.ElementCount * second.Type.Shape[^1] : 0;
    }
}
