namespace MicroTvm.IR.Interpretation;

/// <summary>Float definitions of the unary activation and math ops (ONNX semantics).</summary>
internal static class ActivationKernels
{
    public static readonly Kernel Relu = ElementwiseKernels.Unary(x => double.IsNaN(x) ? x : Math.Max(x, 0));
    public static readonly Kernel Relu6 = ElementwiseKernels.Unary(x => double.IsNaN(x) ? x : Math.Clamp(x, 0, 6));
    public static readonly Kernel Sigmoid = ElementwiseKernels.Unary(x => 1 / (1 + Math.Exp(-x)));
    public static readonly Kernel Tanh = ElementwiseKernels.Unary(Math.Tanh);
    public static readonly Kernel HardSwish = ElementwiseKernels.Unary(x => x * Math.Clamp(x + 3, 0, 6) / 6);
    public static readonly Kernel Exp = ElementwiseKernels.Unary(Math.Exp);
    public static readonly Kernel Log = ElementwiseKernels.Unary(Math.Log);
    public static readonly Kernel Sqrt = ElementwiseKernels.Unary(Math.Sqrt);
    public static readonly Kernel Rsqrt = ElementwiseKernels.Unary(x => 1 / Math.Sqrt(x));
    public static readonly Kernel Abs = ElementwiseKernels.Unary(Math.Abs);
    public static readonly Kernel Neg = ElementwiseKernels.Unary(x => -x);

    public static readonly Kernel Clip = ElementwiseKernels.UnaryOf(node =>
    {
        var (min, max) = (node.GetFloat("min"), node.GetFloat("max"));
        return x => double.IsNaN(x) ? x : Math.Min(Math.Max(x, min), max);
    });

    public static readonly Kernel LeakyRelu = ElementwiseKernels.UnaryOf(node =>
    {
        var alpha = (double)(float)node.GetFloat("alpha");
        return x => x >= 0 ? x : alpha * x;
    });

    public static readonly Kernel HardSigmoid = ElementwiseKernels.UnaryOf(node =>
    {
        var (alpha, beta) = ((double)(float)node.GetFloat("alpha"), (double)(float)node.GetFloat("beta"));
        return x => Math.Max(0, Math.Min(1, (float)((float)(alpha * x) + beta)));
    });
}
