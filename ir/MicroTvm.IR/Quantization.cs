namespace MicroTvm.IR;

/// <summary>
/// Affine quantization of a tensor: real = scale * (q - zero_point). Per tensor when
/// <see cref="Axis"/> is null (one scale and zero point), otherwise one pair per index of that axis.
/// Scales are kept as float32 because that is how both TFLite and ONNX store them, and
/// requantization multipliers must be derived from exactly those values.
/// </summary>
public sealed class Quantization : IEquatable<Quantization>
{
    public Quantization(ImmutableArray<float> scales, ImmutableArray<long> zeroPoints, int? axis)
    {
        if (scales.IsDefaultOrEmpty)
        {
            throw new ArgumentException("quantization needs at least one scale", nameof(scales));
        }

        if (zeroPoints.IsDefault || zeroPoints.Length != scales.Length)
        {
            throw new ArgumentException("quantization needs one zero point per scale", nameof(zeroPoints));
        }

        if (axis is null && scales.Length != 1)
        {
            throw new ArgumentException("per-tensor quantization has exactly one scale", nameof(scales));
        }

        Scales = scales;
        ZeroPoints = zeroPoints;
        Axis = axis;
    }

    public ImmutableArray<float> Scales { get; }

    public ImmutableArray<long> ZeroPoints { get; }

    /// <summary>The quantized dimension for per-axis quantization; null for per-tensor.</summary>
    public int? Axis { get; }

    public bool IsPerAxis => Axis is not null;

    /// <summary>The scale of a per-tensor quantization.</summary>
    public float Scale => Scales[0];

    /// <summary>The zero point of a per-tensor quantization.</summary>
    public long ZeroPoint => ZeroPoints[0];

    public static Quantization PerTensor(float scale, long zeroPoint) => new([scale], [zeroPoint], null);

    public static Quantization PerAxis(ImmutableArray<float> scales, ImmutableArray<long> zeroPoints, int axis) =>
        new(scales, zeroPoints, axis);

    public bool Equals(Quantization? other) =>
        other is not null
        && Axis == other.Axis
        && ImmutableArrayEquality.SequenceEqual(Scales, other.Scales)
        && ImmutableArrayEquality.SequenceEqual(ZeroPoints, other.ZeroPoints);

    public override bool Equals(object? obj) => Equals(obj as Quantization);

    public override int GetHashCode() =>
        HashCode.Combine(Axis, ImmutableArrayEquality.Hash(Scales), ImmutableArrayEquality.Hash(ZeroPoints));
}
