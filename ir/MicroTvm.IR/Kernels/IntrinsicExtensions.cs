namespace MicroTvm.IR.Kernels;

/// <summary>Spelling and signatures of <see cref="Intrinsic"/>s.</summary>
public static class IntrinsicExtensions
{
    public static string Mnemonic(this Intrinsic intrinsic) => intrinsic switch
    {
        Intrinsic.Requantize => "requantize",
        Intrinsic.SaturatingRoundingDoublingHighMul => "saturating_rounding_doubling_high_mul",
        Intrinsic.RoundingDivideByPot => "rounding_divide_by_pot",
        Intrinsic.PackI8x4 => "pack_i8x4",
        Intrinsic.Sxtb16 => "sxtb16",
        Intrinsic.Smlad => "smlad",
        Intrinsic.TargetHasDsp => "target_has_dsp",
        Intrinsic.Exp => "exp",
        Intrinsic.Log => "log",
        Intrinsic.Sqrt => "sqrt",
        Intrinsic.Tanh => "tanh",
        Intrinsic.Floor => "floor",
        Intrinsic.RoundHalfEven => "round_half_even",
        Intrinsic.RoundHalfAway => "round_half_away",
        _ => throw new ArgumentOutOfRangeException(nameof(intrinsic), intrinsic, null),
    };

    public static bool IsFloatMath(this Intrinsic intrinsic) => intrinsic >= Intrinsic.Exp;

    public static ElementType ResultType(this Intrinsic intrinsic) =>
        intrinsic.IsFloatMath() ? ElementType.F32 : intrinsic == Intrinsic.TargetHasDsp ? ElementType.Bool : ElementType.I32;

    /// <summary>
    /// The accepted argument types, one set per argument. Requantize's first argument may be i32
    /// or i64; every other argument has exactly one type.
    /// </summary>
    public static ImmutableArray<ImmutableArray<ElementType>> Parameters(this Intrinsic intrinsic) => intrinsic switch
    {
        Intrinsic.Requantize => [[ElementType.I32, ElementType.I64], [ElementType.I32], [ElementType.I32]],
        Intrinsic.SaturatingRoundingDoublingHighMul or Intrinsic.RoundingDivideByPot or Intrinsic.Sxtb16 => [[ElementType.I32], [ElementType.I32]],
        Intrinsic.PackI8x4 => [[ElementType.I32], [ElementType.I32], [ElementType.I32], [ElementType.I32]],
        Intrinsic.Smlad => [[ElementType.I32], [ElementType.I32], [ElementType.I32]],
        Intrinsic.TargetHasDsp => [],
        _ => [[ElementType.F32]],
    };
}
