namespace MicroTvm.Frontend.Onnx;

/// <summary>Stable ids of the ONNX importer's diagnostics (range MTVM3500–MTVM3999).</summary>
public static class OnnxDiagnosticIds
{
    /// <summary>The file is not a readable ONNX protobuf (truncated or corrupt).</summary>
    public const string CorruptFile = "MTVM3500";

    /// <summary>The model has no graph.</summary>
    public const string MissingGraph = "MTVM3501";

    /// <summary>The default-domain opset is missing or outside the supported range.</summary>
    public const string UnsupportedOpset = "MTVM3502";

    /// <summary>A tensor keeps its data in an external file.</summary>
    public const string ExternalData = "MTVM3503";

    /// <summary>A tensor's element type has no IR equivalent (uint16, float64, string …).</summary>
    public const string UnsupportedElementType = "MTVM3504";

    /// <summary>A graph input has a dynamic dimension.</summary>
    public const string DynamicDimension = "MTVM3505";

    /// <summary>Note: a symbolic batch dimension was fixed to 1.</summary>
    public const string BatchDimensionFixed = "MTVM3506";

    /// <summary>A tensor's data does not match its declared element count.</summary>
    public const string TensorDataMismatch = "MTVM3507";

    /// <summary>A graph input or output is not a tensor, or has no type.</summary>
    public const string UntypedValue = "MTVM3508";

    /// <summary>An op (domain, type, opset) the importer does not know.</summary>
    public const string UnsupportedOp = "MTVM3510";

    /// <summary>A known op used with an attribute value or configuration the importer does not support.</summary>
    public const string UnsupportedOpConfiguration = "MTVM3511";

    /// <summary>An operand the IR needs at compile time (shape, axes, pads, scales) is not a constant.</summary>
    public const string OperandNotConstant = "MTVM3512";

    /// <summary>A node reads a tensor that nothing defines.</summary>
    public const string UndefinedTensor = "MTVM3513";

    /// <summary>The nodes form a cycle.</summary>
    public const string Cycle = "MTVM3514";

    /// <summary>Two definitions of one tensor name.</summary>
    public const string DuplicateDefinition = "MTVM3515";

    /// <summary>The imported node is ill-typed (shapes or element types do not fit the op).</summary>
    public const string InvalidOperands = "MTVM3516";

    /// <summary>A graph output's declared shape or element type differs from the imported one.</summary>
    public const string OutputMismatch = "MTVM3517";

    /// <summary>One tensor would need two different quantizations.</summary>
    public const string QuantizationConflict = "MTVM3519";

    /// <summary>A tensor is larger than the importer accepts.</summary>
    public const string TooLarge = "MTVM3521";

    /// <summary>A bug in the importer: an unexpected exception, reported instead of thrown.</summary>
    public const string InternalError = "MTVM3999";
}
