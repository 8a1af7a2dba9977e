using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// mean, sum, reduce_max and reduce_min at one output element: loops over the reduced axes
/// (inner to the output loops, so fused elementwise producers are computed in them), as the
/// interpreter's ReductionKernels. Quantized mean is TFLite's integer Mean: Σ(q − zi) in i32,
/// requantized by input_scale/output_scale, divided by the count rounding half away from zero
/// (in i64), plus zo, saturated. Quantized sum is QuantizedMeanOrSum: round(f32(Σq)·s + b) + zo
/// with s and b the interpreter's f32 constants. Quantized max/min need unchanged quantization.
/// Float mean and sum accumulate in f32 (the interpreter in double: within tolerance).
/// </summary>
internal static class ReductionLowering
{
    public static Expr Mean(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Reduce(lowerer, node, index, Kind.Mean);

    public static Expr Sum(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Reduce(lowerer, node, index, Kind.Sum);

    public static Expr ReduceMax(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Reduce(lowerer, node, index, Kind.Max);

    public static Expr ReduceMin(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Reduce(lowerer, node, index, Kind.Min);

    private enum Kind
    {
        Mean,
        Sum,
        Max,
        Min,
    }

    private static Expr Reduce(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index, Kind kind)
    {
        var (input, output) = (lowerer.TypeOf(node.Operands[0]), node.Result.Type);
        var axes = Axes(node, input.Rank);
        var keep = node.GetBool("keepdims");
        var count = axes.Aggregate(1, (product, d) => product * input.Shape[d]);
        if (count == 0)
        {
            throw new LoweringUnsupportedException(node, "a reduction over no elements is not lowered");
        }

        var quantized = input.IsQuantized || output.IsQuantized;
        if (quantized && kind is Kind.Max or Kind.Min && !Equals(input.Quantization, output.Quantization))
        {
            throw new LoweringUnsupportedException(node, "a quantized reduce_max/reduce_min that changes the quantization (float emulation) is not lowered");
        }

        var builder = lowerer.Builder;
        var register = Registers.Of(input.ElementType);
        var inputZero = quantized ? QuantizedParameters.PerTensor(node, input, "input").ZeroPoint : 0;
        Expr seed = kind switch
        {
            Kind.Max => register == ElementType.F32 ? F32(float.NegativeInfinity) : Imm(input.ElementType.MinValue(), register),
            Kind.Min => register == ElementType.F32 ? F32(float.PositiveInfinity) : Imm(input.ElementType.MaxValue(), register),
            _ => Registers.Immediate(register == ElementType.F32 ? ElementType.F32 : ElementType.I32, 0),
        };
        var accumulator = builder.Local(kind == Kind.Max ? "best" : kind == Kind.Min ? "least" : "sum", seed);
        var reduced = axes.ToImmutableArray();
        ConvolutionLowering.KernelLoops(builder, [.. reduced.Select(d => input.Shape[d])], 0, [], taps =>
        {
            var inputIndex = ImmutableArray.CreateBuilder<Expr>(input.Rank);
            var o = 0;
            for (var d = 0; d < input.Rank; d++)
            {
                var r = reduced.IndexOf(d);
                inputIndex.Add(r >= 0 ? taps[r] : index[o]);
                o += r >= 0 && !keep ? 0 : 1;
            }

            var x = lowerer.ValueAt(node.Operands[0], inputIndex.MoveToImmutable());
            Expr next = kind switch
            {
                Kind.Max when register == ElementType.F32 => new Select(Or(Ne(x, x), Gt(x, accumulator)), x, accumulator),
                Kind.Min when register == ElementType.F32 => new Select(Or(Ne(x, x), Lt(x, accumulator)), x, accumulator),
                Kind.Max => Max(accumulator, x),
                Kind.Min => Min(accumulator, x),
                Kind.Mean when quantized && inputZero != 0 => Add(accumulator, Sub(x, I32((int)inputZero))),
                _ => Add(accumulator, x),
            };
            builder.Emit(new Assign(accumulator, next));
        });

        if (!quantized || kind is Kind.Max or Kind.Min)
        {
            return kind == Kind.Mean ? Div(accumulator, F32(count)) : accumulator;
        }

        var (inputScale, _) = QuantizedParameters.PerTensor(node, input, "input");
        var (outputScale, outputZero) = QuantizedParameters.PerTensor(node, output, "output");
        var (min, max) = (output.ElementType.MinValue(), output.ElementType.MaxValue());
        if (kind == Kind.Mean)
        {
            var (multiplier, shift) = QuantizedParameters.Multiplier(node, (double)inputScale / outputScale);
            var scaled = builder.Local("scaled", CastTo(ElementType.I64, Requantize(accumulator, I32(multiplier), I32(shift))));
            var half = I64(count / 2);
            var mean = new Select(Gt(scaled, I64(0)), Div(Add(scaled, half), I64(count)), Div(Sub(scaled, half), I64(count)));
            return CastTo(ElementType.I32, Clamp(Add(mean, I64(outputZero)), I64(min), I64(max)));
        }

        var scale = inputScale / outputScale;
        var bias = -inputZero * scale * count;
        var rounded = CallIntrinsic(Intrinsic.RoundHalfAway, Add(Mul(CastTo(ElementType.F32, accumulator), F32(scale)), F32(bias)));
        var bounded = CastTo(ElementType.I32, Clamp(rounded, F32(-1e9f), F32(1e9f)));
        return Registers.AddZeroPointClamped(bounded, outputZero, min, max);
    }

    private static SortedSet<int> Axes(Node node, int rank)
    {
        var axes = new SortedSet<int>();
        var listed = node.GetInts("axes");
        foreach (var axis in listed.IsEmpty ? [.. Enumerable.Range(0, rank).Select(d => (long)d)] : listed)
        {
            var normalized = axis < 0 ? axis + rank : axis;
            if (normalized < 0 || normalized >= rank)
            {
                throw new LoweringUnsupportedException(node, $"axis {axis} is out of range for rank {rank}");
            }

            axes.Add((int)normalized);
        }

        return axes;
    }
}
