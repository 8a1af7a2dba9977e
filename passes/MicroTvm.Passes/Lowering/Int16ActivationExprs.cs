using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// TFLite's int16 logistic and tanh (<see cref="Int16Activations"/>) as kernel IR, bit-exact:
/// the rescaled input, its magnitude's table interval (both table reads clamped into the table, which the verifier cannot prove otherwise;
/// the saturated arm selected above it), the interpolation and the mirrored rounding, all in
/// i32 without overflow, and the final cast to i16 (which wraps like TFLite's). The table is a
/// constant i16 buffer holding entry − 32768.
/// </summary>
internal sealed class Int16ActivationExprs(KernelBuilder builder, KernelBuffer table)
{
    private const int TableOffset = 32768;

    public Int16ActivationExprs(GroupLowerer lowerer)
        : this(lowerer.Builder, lowerer.Table("sigmoid_table", ElementType.I16, TableEntries))
    {
    }

    /// <summary>The table buffer's contents: TFLite's entries minus 32768.</summary>
    public static ImmutableArray<long> TableEntries { get; } = [.. Int16Activations.SigmoidTable.ToArray().Select(v => (long)v - TableOffset)];

    public Expr Logistic(Expr x, int multiplier, int shift)
    {
        var (input, magnitude) = Rescaled(x, multiplier, shift);
        var high = Shr(magnitude, I32(9));
        var (a, b) = Entries(high);
        var interpolated = Add(Shl(a, I32(9)), Mul(BitAnd(magnitude, I32(0x1FF)), Sub(b, a)));
        var result = builder.Bind("sigmoid_lut", new Select(Ge(high, I32(255)), I32(0x7FFF << 10), interpolated));
        var rounded = new Select(Ge(input, I32(0)), Add(result, I32(1 << 9)), Sub(I32((1 << 25) + (1 << 9) - 1), result));
        return Registers.Widen(CastTo(ElementType.I16, Shr(rounded, I32(10))));
    }

    public Expr Tanh(Expr x, int multiplier, int shift)
    {
        var (input, magnitude) = Rescaled(x, multiplier, shift);
        var high = Shr(magnitude, I32(8));
        var (a, b) = Entries(high);
        var interpolated = Add(Shl(a, I32(8)), Mul(BitAnd(magnitude, I32(0xFF)), Sub(b, a)));
        var result = builder.Bind("tanh_lut", new Select(Ge(high, I32(255)), I32(0xFFFF << 8), interpolated));
        var rounded = new Select(Ge(input, I32(0)), Add(result, I32(-(1 << 23) + (1 << 7))), Sub(I32((1 << 23) + (1 << 7) - 1), result));
        return Registers.Widen(CastTo(ElementType.I16, Shr(rounded, I32(8))));
    }

    private (Expr Input, Expr Magnitude) Rescaled(Expr x, int multiplier, int shift)
    {
        var (m, s) = Int16Activations.Effective(multiplier, shift);
        Expr scaled = IndexMath.Times(x, m);
        if (s > 0)
        {
            scaled = Shr(Add(scaled, I32(1 << (s - 1))), I32(s));
        }

        var input = builder.Bind("lut_in", scaled);
        var magnitude = builder.Bind("lut_abs", new Select(Lt(input, I32(0)), Sub(I32(0), input), input));
        return (input, magnitude);
    }

    private (Expr A, Expr B) Entries(Expr high)
    {
        var index = builder.Bind("lut_index", Clamp(high, I32(0), I32(254)));
        Expr Entry(Expr i) => Add(CastTo(ElementType.I32, new Load(table, i)), I32(TableOffset));
        return (builder.Bind("lut_a", Entry(index)), builder.Bind("lut_b", Entry(Add(index, I32(1)))));
    }
}
