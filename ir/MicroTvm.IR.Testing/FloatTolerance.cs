namespace MicroTvm.IR.Testing;

/// <summary>How far a float may be from its expected value: |actual − expected| ≤ atol + rtol·|expected|.</summary>
public sealed record FloatTolerance(double Relative, double Absolute)
{
    /// <summary>Bit-for-bit.</summary>
    public static FloatTolerance Exact { get; } = new(0, 0);

    /// <summary>The tolerance of the ONNX node tests and the conformance suite.</summary>
    public static FloatTolerance Reference { get; } = new(1e-5, 1e-6);

    public bool Accepts(float expected, float actual) =>
        float.IsNaN(expected)
            ? float.IsNaN(actual)
            : expected == actual || Math.Abs(actual - (double)expected) <= Absolute + (Relative * Math.Abs((double)expected));
}
