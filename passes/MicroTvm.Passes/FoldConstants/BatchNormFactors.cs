namespace MicroTvm.Passes;

/// <summary>
/// The per-channel arithmetic of a batch_norm with constant f32 parameters, in double as the
/// interpreter computes it: <see cref="Scale"/> k = γ / √(σ² + ε) (ε rounded to f32 first), and
/// γ, β, μ widened. Null from <see cref="Of"/> when the node is not such a batch_norm.
/// </summary>
internal sealed class BatchNormFactors(int channels, double[] scale, double[] bias, double[] mean)
{
    public int Channels { get; } = channels;

    public IReadOnlyList<double> Scale { get; } = scale;

    public IReadOnlyList<double> Bias { get; } = bias;

    public IReadOnlyList<double> Mean { get; } = mean;

    public static BatchNormFactors? Of(Graph graph, Node node)
    {
        if (!ReferenceEquals(node.Op, Ops.BatchNorm)
            || node.Operands.Length != 5
            || graph.Index.FindValue(node.Operands[0]) is not { Type: { ElementType: ElementType.F32, IsQuantized: false, Rank: > 0 } input }
            || node.Result.Type is not { ElementType: ElementType.F32, IsQuantized: false })
        {
            return null;
        }

        var channels = input.Shape[^1];
        var parameters = new double[4][];
        for (var i = 0; i < 4; i++)
        {
            var operand = node.Operands[i + 1];
            if (graph.Index.Producer(operand) is not { } producer
                || !ReferenceEquals(producer.Op, Ops.Constant)
                || producer.GetTensor("value") is not { Type: { ElementType: ElementType.F32, IsQuantized: false } type } data
                || type.ElementCount != channels)
            {
                return null;
            }

            parameters[i] = [.. data.ToSingles().Select(v => (double)v)];
        }

        var (gamma, beta, mean, variance) = (parameters[0], parameters[1], parameters[2], parameters[3]);
        var epsilon = (double)(float)node.GetFloat("epsilon");
        var scale = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = gamma[c] / Math.Sqrt(variance[c] + epsilon);
        }

        return new BatchNormFactors(channels, scale, beta, mean);
    }
}
