namespace MicroTvm.IR.Interpretation;

internal static class NormalizationKernels
{
    /// <summary>batch_norm over the last axis: scale·(x − mean)/sqrt(variance + epsilon) + bias.</summary>
    public static readonly Kernel BatchNorm = context =>
    {
        var input = context.Operand(0);
        var (scale, bias, mean, variance) = (context.Operand(1), context.Operand(2), context.Operand(3), context.Operand(4));
        var epsilon = (float)context.Node.GetFloat("epsilon");
        var channels = input.Type.Rank == 0 ? 1 : input.Shape[^1];
        var values = new double[input.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = i % channels;
            values[i] = (scale.Values[c] * (input.Values[i] - mean.Values[c]) / Math.Sqrt(variance.Values[c] + epsilon)) + bias.Values[c];
        }

        return KernelContext.One(HostTensor.Stored(context.ResultType, values));
    };
}
