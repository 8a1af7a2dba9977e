namespace MicroTvm.IR.Interpretation;

/// <summary>
/// Quantized add, sub, mul, maximum and minimum as TFLite's reference kernels compute them
/// (reference_ops/add.h, sub.h, mul.h): per-tensor quantization, broadcasting, fused activation
/// as a clamp in the output's domain.
/// </summary>
internal static class QuantizedArithmeticKernels
{
    public static readonly Kernel Add = AddOrSub(subtract: false);
    public static readonly Kernel Sub = AddOrSub(subtract: true);

    public static readonly Kernel Mul = context =>
    {
        var (left, right, type) = (context.Operand(0), context.Operand(1), context.ResultType);
        var (leftScale, leftZero) = QuantizedValues.PerTensor(left.Type, "lhs");
        var (rightScale, rightZero) = QuantizedValues.PerTensor(right.Type, "rhs");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var (multiplier, shift) = FixedPoint.QuantizeMultiplier((double)leftScale * rightScale / outputScale);
        var (min, max) = ActivationRange.Quantized(ActivationRange.Of(context.Node), type);
        return Broadcast(context, (a, b) =>
        {
            var product = unchecked((int)(a - leftZero) * (int)(b - rightZero));
            var result = outputZero + FixedPoint.MultiplyByQuantizedMultiplier(product, multiplier, shift);
            return Math.Clamp(result, min, max);
        });
    };

    public static readonly Kernel Maximum = SameQuantization(ElementwiseKernels.Maximum);
    public static readonly Kernel Minimum = SameQuantization(ElementwiseKernels.Minimum);

    private static Kernel AddOrSub(bool subtract) => context =>
    {
        var (left, right, type) = (context.Operand(0), context.Operand(1), context.ResultType);
        var (leftScale, leftZero) = QuantizedValues.PerTensor(left.Type, "lhs");
        var (rightScale, rightZero) = QuantizedValues.PerTensor(right.Type, "rhs");
        var (outputScale, outputZero) = QuantizedValues.PerTensor(type, "output");
        var leftShift = type.ElementType == ElementType.I16 ? 15 : 20;
        var twiceMaxInputScale = 2 * (double)Math.Max(leftScale, rightScale);
        var (leftMultiplier, leftExponent) = FixedPoint.QuantizeMultiplier(leftScale / twiceMaxInputScale);
        var (rightMultiplier, rightExponent) = FixedPoint.QuantizeMultiplier(rightScale / twiceMaxInputScale);
        var (outputMultiplier, outputExponent) = FixedPoint.QuantizeMultiplier(twiceMaxInputScale / ((1 << leftShift) * (double)outputScale));
        var (min, max) = ActivationRange.Quantized(ActivationRange.Of(context.Node), type);
        return Broadcast(context, (a, b) =>
        {
            var scaledLeft = FixedPoint.MultiplyByQuantizedMultiplier(unchecked((int)(a - leftZero) * (1 << leftShift)), leftMultiplier, leftExponent);
            var scaledRight = FixedPoint.MultiplyByQuantizedMultiplier(unchecked((int)(b - rightZero) * (1 << leftShift)), rightMultiplier, rightExponent);
            var raw = unchecked(subtract ? scaledLeft - scaledRight : scaledLeft + scaledRight);
            var result = FixedPoint.MultiplyByQuantizedMultiplier(raw, outputMultiplier, outputExponent) + outputZero;
            return Math.Clamp(result, min, max);
        });
    };

    /// <summary>Order-preserving ops act on stored values when every operand shares the output's quantization (TFLite requires it); otherwise they are emulated.</summary>
    private static Kernel SameQuantization(Kernel floatKernel) => context =>
        context.Operands.All(o => o is not null && Equals(o.Type.Quantization, context.ResultType.Quantization))
            ? floatKernel(context)
            : Emulation.Run(context, floatKernel);

    private static ImmutableArray<HostTensor> Broadcast(KernelContext context, Func<long, long, long> combine)
    {
        var (left, right, type) = (context.Operand(0), context.Operand(1), context.ResultType);
        var leftMap = Layout.BroadcastMap(type.Shape, left.Shape);
        var rightMap = Layout.BroadcastMap(type.Shape, right.Shape);
        var values = new double[leftMap.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = combine((long)left.Values[leftMap[i]], (long)right.Values[rightMap[i]]);
        }

        return KernelContext.One(new HostTensor(type, values));
    }
}
