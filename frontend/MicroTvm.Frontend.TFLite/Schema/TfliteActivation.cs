namespace MicroTvm.Frontend.TFLite.Schema;

/// <summary>schema.fbs <c>ActivationFunctionType</c>.</summary>
public enum TfliteActivation : sbyte
{
    None = 0,
    Relu = 1,
    ReluN1To1 = 2,
    Relu6 = 3,
    Tanh = 4,
    SignBit = 5,
}
