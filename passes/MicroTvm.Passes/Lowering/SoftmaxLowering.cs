using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// softmax as a whole loop nest: for every row along the axis, a max pass, a sum pass and a
/// store pass. Float computes exp(beta·(x − max)) / Σ in f32 with the exp intrinsic (the
/// interpreter works in double: within tolerance). Quantized int8/uint8 along the last axis
/// with TFLite's fixed output quantization is TFLite's reference softmax, bit-exact: gemmlowp
/// exp of the Q5 scaled difference (skipped below diff_min), a Q12 sum, GetReciprocal, and a
/// rounding shift to the output bits (<see cref="GemmlowpExprs"/>). The shift is clamped to 31,
/// which only rows whose Q12 sum reaches 2^28 (hundreds of maximal elements) would need more of.
/// </summary>
internal static class SoftmaxLowering
{
    public static void Softmax(GroupLowerer lowerer, Node node, KernelBuffer output)
    {
        var (input, type) = (lowerer.TypeOf(node.Operands[0]), node.Result.Type);
        var rank = input.Rank;
        var axisValue = node.GetInt("axis");
        var axis = (int)(axisValue < 0 ? axisValue + rank : axisValue);
        if (rank == 0 || axis < 0 || axis >= rank)
        {
            throw new LoweringUnsupportedException(node, $"axis {axisValue} is out of range for {input}");
        }

        var quantized = input.IsQuantized || type.IsQuantized;
        if (quantized && (axis != rank - 1 || input.ElementType is not (ElementType.I8 or ElementType.U8) || !HasFixedOutput(type)))
        {
            throw new LoweringUnsupportedException(node, "a quantized softmax other than TFLite's int8/uint8 one along the last axis (float emulation) is not lowered");
        }

        var extent = input.Shape[axis];
        var outer = input.Shape.SetItem(axis, 1);
        lowerer.LoopNest(outer, index =>
        {
            Expr Element(Expr k) => lowerer.ValueAt(node.Operands[0], index.SetItem(axis, k));
            Expr Position(Expr k) => IndexMath.Linear(index.SetItem(axis, k), type.Shape);
            if (quantized)
            {
                Quantized(lowerer, node, input, type, output, extent, Element, Position);
            }
            else
            {
                Float(lowerer.Builder, (float)node.GetFloat("beta"), output, extent, Element, Position);
            }
        });
    }

    private static void Float(KernelBuilder builder, float beta, KernelBuffer output, int extent, Func<Expr, Expr> element, Func<Expr, Expr> position)
    {
        var max = builder.Local("max", F32(float.NegativeInfinity));
        builder.Loop("k", extent, k => builder.Emit(new Assign(max, Max(max, element(k)))));
        var sum = builder.Local("sum", F32(0));
        Expr Exp(Expr x) => CallIntrinsic(Intrinsic.Exp, Mul(F32(beta), Sub(x, max)));
        builder.Loop("k", extent, k => builder.Emit(new Assign(sum, Add(sum, Exp(element(k))))));
        builder.Loop("k", extent, k => builder.Emit(new Store(output, position(k), Div(Exp(element(k)), sum))));
    }

    private static void Quantized(
        GroupLowerer lowerer, Node node, TensorType input, TensorType type, KernelBuffer output, int extent,
        Func<Expr, Expr> element, Func<Expr, Expr> position)
    {
        const int scaledDiffIntegerBits = 5;
        const int accumulationIntegerBits = 12;
        var builder = lowerer.Builder;
        var gemmlowp = new GemmlowpExprs(builder);
        var (inputScale, _) = QuantizedParameters.PerTensor(node, input, "input");
        var real = Math.Min(node.GetFloat("beta") * inputScale * (1 << (31 - scaledDiffIntegerBits)), (1L << 31) - 1.0);
        var (multiplier, leftShift) = FixedPoint.QuantizeMultiplier(real);
        var diffMin = -(int)Math.Floor(1.0 * ((1 << scaledDiffIntegerBits) - 1) * (1L << (31 - scaledDiffIntegerBits)) / (1L << leftShift));
        var outputBits = type.ElementType.ByteSize() * 8;
        var outputMin = type.ElementType.MinValue();
        var max = builder.Local("max", Imm(input.ElementType.MinValue(), ElementType.I32));
        builder.Loop("k", extent, k => builder.Emit(new Assign(max, Max(max, element(k)))));

        Expr Exp(Expr diff)
        {
            var scaled = CastTo(ElementType.I32, Mul(CastTo(ElementType.I64, Max(diff, I32(diffMin))), I64(1L << leftShift)));
            return gemmlowp.ExpOnNegativeValues(builder.Bind("scaled_diff", GemmlowpExprs.Mul(scaled, I32(multiplier))), scaledDiffIntegerBits);
        }

        var sum = builder.Local("sum_of_exps", I32(0));
        builder.Loop("k", extent, k =>
        {
            var diff = builder.Bind("diff", Sub(element(k), max));
            builder.When(Ge(diff, I32(diffMin)), () =>
                builder.Emit(new Assign(sum, GemmlowpExprs.WrapAdd(sum, GemmlowpExprs.Rescale(Exp(diff), 0, accumulationIntegerBits)))));
        });
        var (reciprocal, bitsOverUnit) = gemmlowp.GetReciprocal(sum, accumulationIntegerBits);
        var exponent = builder.Bind("exponent", Min(Add(bitsOverUnit, I32(31 - outputBits)), I32(31)));
        builder.Loop("k", extent, k =>
        {
            var diff = builder.Bind("diff", Sub(element(k), max));
            var unsaturated = CallIntrinsic(Intrinsic.RoundingDivideByPot, GemmlowpExprs.Mul(reciprocal, Exp(diff)), Max(exponent, I32(0)));
            var value = Clamp(Add(unsaturated, I32((int)outputMin)), I32((int)outputMin), I32((int)type.ElementType.MaxValue()));
            var stored = new Select(Lt(diff, I32(diffMin)), I32((int)outputMin), value);
            builder.Emit(new Store(output, position(k), CastTo(output.ElementType, stored)));
        });
    }

    private static bool HasFixedOutput(TensorType type)
    {
        if (type.ElementType is not (ElementType.I8 or ElementType.U8 or ElementType.I16) || type.Quantization is not { Scales.Length: 1 } q)
        {
            return false;
        }

        var expectedScale = 1.0 / Math.Pow(2, type.ElementType.ByteSize() * 8);
        return q.ZeroPoint == type.ElementType.MinValue() && Math.Abs(q.Scale - expectedScale) <= expectedScale * 1e-3;
    }
}
