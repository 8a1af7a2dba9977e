namespace MicroTvm.IR.Interpretation;

/// <summary>
/// softmax (with beta) and log_softmax along an axis. Quantized softmax with int8/uint8 input
/// along the last axis and TFLite's fixed output quantization (scale 2^-bits, zero point the
/// type's minimum) is TFLite's reference_ops::Softmax: gemmlowp exp on a Q5 difference from the
/// row maximum, a Q12 sum and GetReciprocal. Other quantized cases are emulated.
/// </summary>
internal static class SoftmaxKernels
{
    public static readonly Kernel Softmax = context =>
    {
        var beta = context.Node.GetFloat("beta");
        return AlongAxis(context, row =>
        {
            var max = row.Max();
            var exps = row.Select(x => Math.Exp(beta * (x - max))).ToArray();
            var sum = exps.Sum();
            return [.. exps.Select(e => e / sum)];
        });
    };

    public static readonly Kernel LogSoftmax = context => AlongAxis(context, row =>
    {
        var max = row.Max();
        var logSum = Math.Log(row.Sum(x => Math.Exp(x - max)));
        return [.. row.Select(x => x - max - logSum)];
    });

    public static readonly Kernel QuantizedSoftmax = context =>
    {
        var (input, type) = (context.Operand(0), context.ResultType);
        var axis = Layout.NormalizeAxis(context.Node.GetInt("axis"), input.Type.Rank);
        if (axis != input.Type.Rank - 1 || input.Type.ElementType is not (ElementType.I8 or ElementType.U8) || !HasFixedOutput(type))
        {
            return Emulation.Run(context, Softmax);
        }

        const int scaledDiffIntegerBits = 5;
        const int accumulationIntegerBits = 12;
        var (inputScale, _) = QuantizedValues.PerTensor(input.Type, "input");
        var real = Math.Min(context.Node.GetFloat("beta") * inputScale * (1 << (31 - scaledDiffIntegerBits)), (1L << 31) - 1.0);
        var (multiplier, leftShift) = FixedPoint.QuantizeMultiplier(real);
        var diffMin = -FixedPoint.CalculateInputRadius(scaledDiffIntegerBits, leftShift);
        var outputBits = type.ElementType.ByteSize() * 8;
        var outputMin = type.ElementType.MinValue();
        var depth = input.Shape[^1];
        var values = new double[input.Length];
        for (var start = 0; start < values.Length; start += depth)
        {
            var max = (int)input.Values.AsSpan(start, depth).ToArray().Max();
            var sumOfExps = 0;
            for (var c = 0; c < depth; c++)
            {
                var diff = (int)input.Values[start + c] - max;
                if (diff >= diffMin)
                {
                    var exp = Gemmlowp.ExpOnNegativeValues(FixedPoint.MultiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier, leftShift), scaledDiffIntegerBits);
                    sumOfExps = unchecked(sumOfExps + Gemmlowp.Rescale(exp, 0, accumulationIntegerBits));
                }
            }

            var (reciprocal, bitsOverUnit) = Gemmlowp.GetReciprocal(sumOfExps, accumulationIntegerBits);
            for (var c = 0; c < depth; c++)
            {
                var diff = (int)input.Values[start + c] - max;
                if (diff < diffMin)
                {
                    values[start + c] = outputMin;
                    continue;
                }

                var exp = Gemmlowp.ExpOnNegativeValues(FixedPoint.MultiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier, leftShift), scaledDiffIntegerBits);
                long unsaturated = FixedPoint.RoundingDivideByPot(Gemmlowp.Mul(reciprocal, exp), bitsOverUnit + 31 - outputBits);
                values[start + c] = Math.Clamp(unsaturated + outputMin, outputMin, type.ElementType.MaxValue());
            }
        }

        return KernelContext.One(new HostTensor(type, values));
    };

    private static bool HasFixedOutput(TensorType type)
    {
        if (type.ElementType is not (ElementType.I8 or ElementType.U8 or ElementType.I16) || type.Quantization is not { Scales.Length: 1 } q)
        {
            return false;
        }

        var expectedScale = 1.0 / Math.Pow(2, type.ElementType.ByteSize() * 8);
        return q.ZeroPoint == type.ElementType.MinValue() && Math.Abs(q.Scale - expectedScale) <= expectedScale * 1e-3;
    }

    private static ImmutableArray<HostTensor> AlongAxis(KernelContext context, Func<double[], double[]> normalise)
    {
        var input = context.Operand(0);
        var axis = Layout.NormalizeAxis(context.Node.GetInt("axis"), input.Type.Rank);
        var extent = input.Shape[axis];
        var inner = input.Shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var outer = extent == 0 ? 0 : input.Length / (extent * inner);
        var values = new double[input.Length];
        var row = new double[extent];
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                for (var k = 0; k < extent; k++)
                {
                    row[k] = input.Values[(((o * extent) + k) * inner) + i];
                }

                var result = normalise(row);
                for (var k = 0; k < extent; k++)
                {
                    values[(((o * extent) + k) * inner) + i] = result[k];
                }
            }

        return KernelContext.One(HostTensor.Stored(context.ResultType, values));
    }
}
