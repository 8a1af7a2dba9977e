namespace MicroTvm.IR.Interpretation;

internal static class Rounding
{
    public const string TfliteSpelling = "tflite";
    public const string HalfEvenSpelling = "half_even";

    /// <summary>The node's <c>rounding</c> attribute; ops without one round as TFLite does.</summary>
    public static RoundingMode Of(Node node) =>
        node.GetAttribute("rounding") is StringAttribute { Value: HalfEvenSpelling } ? RoundingMode.HalfEven : RoundingMode.Tflite;

    public static double Apply(RoundingMode mode, double value) =>
        Math.Round(value, mode == RoundingMode.HalfEven ? MidpointRounding.ToEven : MidpointRounding.AwayFromZero);
}
