using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>Step 3: batch_norms folded into their producer's weights, or decomposed into a mul and an add.</summary>
public sealed partial class FoldConstantsPass
{
    private Graph FoldBatchNorms(Graph graph)
    {
        var factors = new Dictionary<int, BatchNormFactors>();
        var absorbed = new Dictionary<int, int>();
        for (var n = 0; n < graph.Nodes.Length; n++)
        {
            if (BatchNormFactors.Of(graph, graph.Nodes[n]) is not { } bn)
            {
                continue;
            }

            factors.Add(n, bn);
            var producer = graph.Index.ProducerIndex(graph.Nodes[n].Operands[0]);
            if (producer >= 0 && CanAbsorb(graph, graph.Nodes[producer], bn.Channels))
            {
                absorbed.Add(n, producer);
            }
        }

        if (factors.Count == 0)
        {
            return graph;
        }

        var dropped = absorbed.Values.ToHashSet();
        var rewriter = new GraphRewriter(graph);
        rewriter.MarkChanged();
        for (var n = 0; n < graph.Nodes.Length; n++)
        {
            var node = graph.Nodes[n];
            if (absorbed.TryGetValue(n, out var producer))
            {
                FoldInto(graph, graph.Nodes[producer], node, factors[n], rewriter);
                NumBatchNormsFolded.Increment();
            }
            else if (factors.TryGetValue(n, out var bn))
            {
                Decompose(node, bn, rewriter);
                NumBatchNormsDecomposed.Increment();
            }
            else if (!dropped.Contains(n))
            {
                rewriter.Emit(node);
            }
        }

        return rewriter.Build();
    }

    /// <summary>A conv, depthwise_conv or fully_connected on f32 with no fused activation, constant f32 weights (and bias), whose only use is one batch_norm.</summary>
    private static bool CanAbsorb(Graph graph, Node producer, int channels)
    {
        if (!(ReferenceEquals(producer.Op, Ops.Conv) || ReferenceEquals(producer.Op, Ops.DepthwiseConv) || ReferenceEquals(producer.Op, Ops.FullyConnected))
            || producer.Results.Length != 1
            || producer.GetString("activation") != Activations.None
            || graph.Index.Uses(producer.Result.Name).Count != 1
            || graph.Index.IsGraphOutput(producer.Result.Name)
            || !IsPlainFloat(producer.Result.Type)
            || graph.Index.FindValue(producer.Operands[0]) is not { } input
            || !IsPlainFloat(input.Type))
        {
            return false;
        }

        var weights = ConstantOf(graph, producer.Operands[1]);
        var bias = producer.HasOperand(2) ? ConstantOf(graph, producer.Operands[2]) : null;
        return weights is not null && IsPlainFloat(weights.Type) && weights.Type.Rank > 0 && weights.Type.Shape[OutputChannelAxis(producer, weights.Type)] == channels
            && (!producer.HasOperand(2) || (bias is not null && IsPlainFloat(bias.Type) && bias.Type.ElementCount == channels));
    }

    private void FoldInto(Graph graph, Node producer, Node batchNorm, BatchNormFactors bn, GraphRewriter rewriter)
    {
        var weights = ConstantOf(graph, producer.Operands[1])!;
        var bias = producer.HasOperand(2) ? ConstantOf(graph, producer.Operands[2])!.ToSingles() : new float[bn.Channels];
        var axis = OutputChannelAxis(producer, weights.Type);
        var inner = 1;
        for (var d = axis + 1; d < weights.Type.Rank; d++)
        {
            inner *= weights.Type.Shape[d];
        }

        var scaled = weights.ToSingles();
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = (float)(scaled[i] * bn.Scale[i / inner % bn.Channels]);
        }

        var newBias = new float[bn.Channels];
        for (var c = 0; c < newBias.Length; c++)
        {
            newBias[c] = (float)(((bias[c] - bn.Mean[c]) * bn.Scale[c]) + bn.Bias[c]);
        }

        var name = batchNorm.Result.Name;
        var weightsName = EmitConstant(rewriter, $"{name}_weights", TensorData.FromSingles(weights.Type, scaled));
        var biasName = EmitConstant(rewriter, $"{name}_bias", TensorData.FromSingles(new TensorType(ElementType.F32, [bn.Channels]), newBias));
        rewriter.Emit(new Node(producer.Op, [producer.Operands[0], weightsName, biasName], [batchNorm.Result], producer.Attributes, producer.Location));
    }

    private static void Decompose(Node batchNorm, BatchNormFactors bn, GraphRewriter rewriter)
    {
        var channels = new TensorType(ElementType.F32, [bn.Channels]);
        var shift = new float[bn.Channels];
        for (var c = 0; c < shift.Length; c++)
        {
            shift[c] = (float)(bn.Bias[c] - (bn.Mean[c] * bn.Scale[c]));
        }

        var name = batchNorm.Result.Name;
        var scaleName = EmitConstant(rewriter, $"{name}_scale", TensorData.FromSingles(channels, [.. bn.Scale.Select(k => (float)k)]));
        var shiftName = EmitConstant(rewriter, $"{name}_shift", TensorData.FromSingles(channels, shift));
        var scaled = new Value(rewriter.FreshName($"{name}_scaled"), batchNorm.Result.Type);
        rewriter.Emit(new Node(Ops.Mul, [batchNorm.Operands[0], scaleName], [scaled], location: batchNorm.Location));
        rewriter.Emit(new Node(Ops.Add, [scaled.Name, shiftName], [batchNorm.Result], location: batchNorm.Location));
    }

    private static string EmitConstant(GraphRewriter rewriter, string stem, TensorData data)
    {
        var name = rewriter.FreshName(stem);
        rewriter.Emit(ConstantNode(new Value(name, data.Type), data, location: null));
        return name;
    }

    /// <summary>conv filters are [Cout, kernel…, Cin/groups], fully_connected weights [N, K]: axis 0; depthwise filters [1, kernel…, C·m]: the last axis.</summary>
    private static int OutputChannelAxis(Node producer, TensorType weights) =>
        ReferenceEquals(producer.Op, Ops.DepthwiseConv) ? weights.Rank - 1 : 0;

    private static bool IsPlainFloat(TensorType type) => type is { ElementType: ElementType.F32, IsQuantized: false };
}
