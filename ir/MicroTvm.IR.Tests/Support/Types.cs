using MicroTvm.IR;

namespace MicroTvm.IR.Tests.Support;

/// <summary>Short spellings of tensor types for tests.</summary>
internal static class Types
{
    public static TensorType F32(params int[] shape) => new(ElementType.F32, [.. shape]);

    public static TensorType Of(ElementType elementType, params int[] shape) => new(elementType, [.. shape]);

    public static TensorType Q8(float scale, long zeroPoint, params int[] shape) =>
        new(ElementType.I8, [.. shape], Quantization.PerTensor(scale, zeroPoint));

    public static TensorType Q32(float scale, params int[] shape) =>
        new(ElementType.I32, [.. shape], Quantization.PerTensor(scale, 0));
}
