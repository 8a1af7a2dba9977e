namespace MicroTvm.IR.Interpretation;

/// <summary>Float and plain-integer elementwise ops with NumPy broadcasting; integer results truncate and wrap like C.</summary>
internal static class ElementwiseKernels
{
    public static readonly Kernel Add = Binary((a, b) => a + b);
    public static readonly Kernel Sub = Binary((a, b) => a - b);
    public static readonly Kernel Mul = Binary((a, b) => a * b);
    public static readonly Kernel Div = Binary((a, b) => a / b);
    public static readonly Kernel Maximum = Binary(NanPropagating(Math.Max));
    public static readonly Kernel Minimum = Binary(NanPropagating(Math.Min));

    public static readonly Kernel Prelu = context =>
    {
        var input = context.Operand(0);
        var slope = context.Operand(1);
        var map = Layout.BroadcastMap(input.Shape, slope.Shape);
        var values = new double[input.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = input.Values[i];
            values[i] = x >= 0 ? x : x * slope.Values[map[i]];
        }

        return KernelContext.One(HostTensor.Stored(context.ResultType, values));
    };

    public static Kernel Binary(Func<double, double, double> operation) => context =>
    {
        var left = context.Operand(0);
        var right = context.Operand(1);
        var type = context.ResultType;
        var leftMap = Layout.BroadcastMap(type.Shape, left.Shape);
        var rightMap = Layout.BroadcastMap(type.Shape, right.Shape);
        var activation = ActivationRange.Of(context.Node);
        var values = new double[leftMap.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = Storage.Normalize(type.ElementType, operation(left.Values[leftMap[i]], right.Values[rightMap[i]]));
            values[i] = ActivationRange.ApplyFloat(activation, value);
        }

        return KernelContext.One(HostTensor.Stored(type, values));
    };

    public static Kernel Unary(Func<double, double> function) => UnaryOf(_ => function);

    /// <summary>A unary kernel whose function depends on the node's attributes.</summary>
    public static Kernel UnaryOf(Func<Node, Func<double, double>> functionOf) => context =>
    {
        var input = context.Operand(0);
        var function = functionOf(context.Node);
        var values = new double[input.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = function(input.Values[i]);
        }

        return KernelContext.One(HostTensor.Stored(context.ResultType, values));
    };

    private static Func<double, double, double> NanPropagating(Func<double, double, double> operation) =>
        (a, b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : operation(a, b);
}
