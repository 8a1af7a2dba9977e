namespace MicroTvm.IR.Kernels;

/// <summary>A value during evaluation: integers and bools in <see cref="Int"/> (in range of their type), f32 in <see cref="Float"/>.</summary>
internal readonly record struct Scalar(long Int, float Float)
{
    public static Scalar Of(long value) => new(value, 0);

    public static Scalar Of(float value) => new(0, value);

    public static Scalar Of(bool value) => new(value ? 1 : 0, 0);

    public bool IsTrue => Int != 0;
}
