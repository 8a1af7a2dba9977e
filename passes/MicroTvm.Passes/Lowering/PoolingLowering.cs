using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// max_pool, avg_pool and the global pools at one output element [n, o…, c], as the reference
/// interpreter's PoolingKernels: taps outside the input are skipped (guarded, clamped index), a
/// counter counts the taps taken (plus the padded ones with count_include_pad). Quantized pools
/// need the same per-tensor quantization in and out and work on stored values: max, or the
/// sum divided by the count rounding half away from zero; a window with no tap gives the zero
/// point (NaN for float). Float average divides an f32 sum (the interpreter sums in double: within
/// tolerance, not bit-exact); float max is exact.
/// </summary>
internal static class PoolingLowering
{
    public static Expr MaxPool(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Pool(lowerer, node, index, max: true, global: false);

    public static Expr AvgPool(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Pool(lowerer, node, index, max: false, global: false);

    public static Expr GlobalMaxPool(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Pool(lowerer, node, index, max: true, global: true);

    public static Expr GlobalAvgPool(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index) => Pool(lowerer, node, index, max: false, global: true);

    private static Expr Pool(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index, bool max, bool global)
    {
        var (input, output) = (lowerer.TypeOf(node.Operands[0]), node.Result.Type);
        if (input.Rank is < 3 or > 5 || output.Rank != input.Rank)
        {
            throw new LoweringUnsupportedException(node, $"needs input and output of one rank from 3 to 5, got {input} and {output}");
        }

        var quantized = output.Quantization is not null || input.Quantization is not null;
        if (quantized && (!Equals(input.Quantization, output.Quantization) || output.Quantization!.Scales.Length != 1))
        {
            throw new LoweringUnsupportedException(node, "a quantized pool with different input and output quantization (float emulation) is not lowered");
        }

        var spatial = input.Rank - 2;
        var inputExtents = input.Shape.Skip(1).Take(spatial).ToImmutableArray();
        var kernelExtents = global ? inputExtents : [.. node.GetInts("kernel").Select(k => (int)k)];
        var window = global ? Plain(spatial) : WindowTaps.Window(node, spatial);
        var includePad = !global && node.GetBool("count_include_pad");
        var register = Registers.Of(output.ElementType);
        var builder = lowerer.Builder;
        var c = index[^1];
        var zeroPoint = output.Quantization?.ZeroPoint ?? 0;
        // An integer max pool without quantization (ONNX MaxPool on uint8) compares integers too.
        var integerMax = max && output.ElementType != ElementType.F32;
        var accumulator = builder.Local(max ? "best" : "sum", max
            ? (quantized || integerMax ? Imm(output.ElementType.MinValue(), register) : F32(float.NegativeInfinity))
            : (quantized ? I32(0) : F32(0)));
        Var? count = null;
        var probe = WindowTaps.Create(window, inputExtents, output.Shape.Skip(1).Take(spatial).ToImmutableArray(), kernelExtents,
            index.Skip(1).Take(spatial).ToImmutableArray(), [.. kernelExtents.Select(_ => (Expr)I32(0))]);
        if (probe.Inside is not null || !max)
        {
            count = builder.Local("count", I32(0));
        }

        ConvolutionLowering.KernelLoops(builder, kernelExtents, 0, [], kernel =>
        {
            var taps = WindowTaps.Create(window, inputExtents, output.Shape.Skip(1).Take(spatial).ToImmutableArray(), kernelExtents,
                index.Skip(1).Take(spatial).ToImmutableArray(), kernel);
            builder.When(taps.Inside, () =>
            {
                var x = lowerer.ValueAt(node.Operands[0], [index[0], .. taps.Clamped, c]);
                builder.Emit(new Assign(accumulator, max
                    ? (quantized || integerMax ? Max(accumulator, x) : new Select(Or(Ne(x, x), Gt(x, accumulator)), x, accumulator))
                    : Add(accumulator, x)));
                if (count is not null)
                {
                    builder.Emit(new Assign(count, Add(count, I32(1))));
                }
            });
            if (includePad && taps.Inside is not null && count is not null)
            {
                Expr inPadding = taps.InsideEndPadding is null ? new Not(taps.Inside) : And(new Not(taps.Inside), taps.InsideEndPadding);
                builder.When(inPadding, () =>
                {
                    builder.Emit(new Assign(count, Add(count, I32(1))));
                    if (quantized && zeroPoint != 0)
                    {
                        builder.Emit(new Assign(accumulator, Add(accumulator, I32((int)zeroPoint))));
                    }
                });
            }
        });
        if (integerMax && !quantized)
        {
            // A window entirely in padding (pads as large as the kernel) keeps the type's minimum.
            return accumulator;
        }

        return Finish(node, output, accumulator, count, max, quantized, global);
    }

    private static Expr Finish(Node node, TensorType output, Var accumulator, Var? count, bool max, bool quantized, bool global)
    {
        var activation = global ? Activations.None : QuantizedParameters.Activation(node);
        if (!quantized)
        {
            Expr value = max ? accumulator : Div(accumulator, CastTo(ElementType.F32, Max(count!, I32(1))));
            value = FloatActivation.Apply(node, activation, value);
            return count is null ? value : new Select(Eq(count, I32(0)), F32(float.NaN), value);
        }

        var (min, maxValue) = QuantizedParameters.ActivationRange(node, output);
        var zeroPoint = output.Quantization!.ZeroPoint;
        Expr result = max ? accumulator : Average(accumulator, count!);
        result = Clamp(result, Imm(min, ElementType.I32), Imm(maxValue, ElementType.I32));
        return count is null ? result : new Select(Eq(count, I32(0)), I32((int)zeroPoint), result);
    }

    /// <summary>total / count rounding half away from zero, as (total ± count/2) / count; the divisor is kept ≥ 1.</summary>
    private static Expr Average(Expr total, Expr count)
    {
        var divisor = Max(count, I32(1));
        var half = Div(divisor, I32(2));
        return new Select(Gt(total, I32(0)), Div(Add(total, half), divisor), Div(Sub(total, half), divisor));
    }

    private static SpatialWindow Plain(int spatialRank)
    {
        var ones = Enumerable.Repeat(1, spatialRank).ToImmutableArray();
        var zeros = Enumerable.Repeat(0, spatialRank).ToImmutableArray();
        return new SpatialWindow(ones, ones, zeros, zeros);
    }
}
