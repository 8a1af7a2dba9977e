namespace MicroTvm.IR.Kernels;

/// <summary>
/// The packed-word intrinsics' arithmetic (docs/kernel-ir.md, <see cref="Intrinsic.PackI8x4"/>,
/// <see cref="Intrinsic.Sxtb16"/>, <see cref="Intrinsic.Smlad"/>), shared by the evaluator and
/// by lowering, which folds them over compile-time weights.
/// </summary>
public static class PackedWords
{
    /// <summary>The low bytes of <paramref name="b0"/> … <paramref name="b3"/> as bytes 0 … 3 of a word.</summary>
    public static int PackI8x4(int b0, int b1, int b2, int b3) =>
        (int)((uint)(b0 & 0xFF) | ((uint)(b1 & 0xFF) << 8) | ((uint)(b2 & 0xFF) << 16) | ((uint)(b3 & 0xFF) << 24));

    /// <summary>Two signed 16-bit values as the low and high halves of a word.</summary>
    public static int PackI16x2(int low, int high) => (int)(((uint)low & 0xFFFF) | ((uint)high << 16));

    /// <summary>x rotated right by <paramref name="rotation"/> (0, 8, 16 or 24), bytes 0 and 2 sign-extended into the halves.</summary>
    public static int Sxtb16(int x, int rotation)
    {
        var rotated = uint.RotateRight((uint)x, rotation);
        return PackI16x2((sbyte)(rotated & 0xFF), (sbyte)((rotated >> 16) & 0xFF));
    }

    /// <summary>The exact acc + lo(a)·lo(b) + hi(a)·hi(b); the caller decides what a result outside i32 means.</summary>
    public static long Smlad(int a, int b, int acc) =>
        acc + ((long)(short)a * (short)b) + ((long)(a >> 16) * (b >> 16));
}
