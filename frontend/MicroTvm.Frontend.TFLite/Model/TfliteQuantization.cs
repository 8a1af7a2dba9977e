namespace MicroTvm.Frontend.TFLite.Model;

/// <summary>
/// Affine quantization parameters as stored (schema.fbs <c>QuantizationParameters</c>); also the
/// writer's input. <see cref="HasCustomDetails"/> marks the custom-quantization union, which this
/// frontend does not interpret.
/// </summary>
public sealed record TfliteQuantization(ImmutableArray<float> Scales, ImmutableArray<long> ZeroPoints, int QuantizedDimension, bool HasCustomDetails = false)
{
    public static TfliteQuantization PerTensor(float scale, long zeroPoint) => new([scale], [zeroPoint], 0);

    public static TfliteQuantization PerChannel(ImmutableArray<float> scales, ImmutableArray<long> zeroPoints, int dimension) =>
        new(scales, zeroPoints, dimension);
}
