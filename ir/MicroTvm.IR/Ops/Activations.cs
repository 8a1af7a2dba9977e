namespace MicroTvm.IR;

/// <summary>Spellings of the fused <c>activation</c> attribute.</summary>
public static class Activations
{
    public const string None = "none";
    public const string Relu = "relu";
    public const string Relu6 = "relu6";
    public const string ReluN1To1 = "relu_n1_to_1";
    public const string Tanh = "tanh";

    public static readonly string[] All = [None, Relu, Relu6, ReluN1To1, Tanh];
}
