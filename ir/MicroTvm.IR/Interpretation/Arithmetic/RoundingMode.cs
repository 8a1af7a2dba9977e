namespace MicroTvm.IR.Interpretation;

/// <summary>The <c>rounding</c> attribute of quantizing ops.</summary>
internal enum RoundingMode
{
    /// <summary>TFLite: fixed-point multipliers, ties away from zero.</summary>
    Tflite,

    /// <summary>ONNX: requantize in floating point and round ties to even.</summary>
    HalfEven,
}
