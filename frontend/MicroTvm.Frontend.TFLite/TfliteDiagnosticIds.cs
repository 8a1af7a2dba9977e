namespace MicroTvm.Frontend.TFLite;

/// <summary>Stable ids of the TFLite frontend's diagnostics (range MTVM3000–MTVM3499).</summary>
public static class TfliteDiagnosticIds
{
    /// <summary>The file is truncated or structurally corrupt (an offset or size outside the file).</summary>
    public const string CorruptFile = "MTVM3000";

    /// <summary>The file identifier is not <c>TFL3</c>.</summary>
    public const string BadFileIdentifier = "MTVM3001";

    /// <summary>The schema version is not 3.</summary>
    public const string UnsupportedVersion = "MTVM3002";

    /// <summary>The model has no subgraph.</summary>
    public const string NoSubgraph = "MTVM3003";

    /// <summary>A tensor, buffer or opcode index is out of range.</summary>
    public const string IndexOutOfRange = "MTVM3004";

    /// <summary>The operators form a cycle, or a tensor is produced twice.</summary>
    public const string Cycle = "MTVM3005";

    /// <summary>An operator reads a tensor that is neither an input, a constant, nor produced by an operator.</summary>
    public const string UndefinedTensor = "MTVM3006";

    /// <summary>A tensor's element type has no IR equivalent.</summary>
    public const string UnsupportedElementType = "MTVM3010";

    /// <summary>A tensor has a dynamic (unknown) dimension.</summary>
    public const string DynamicShape = "MTVM3011";

    /// <summary>A tensor's quantization parameters are inconsistent or of an unsupported kind.</summary>
    public const string BadQuantization = "MTVM3012";

    /// <summary>A constant's buffer does not hold exactly the tensor's bytes.</summary>
    public const string BadConstant = "MTVM3013";

    /// <summary>Sparse tensors are not supported.</summary>
    public const string SparseTensor = "MTVM3014";

    /// <summary>A tensor is too large to describe.</summary>
    public const string TensorTooLarge = "MTVM3015";

    /// <summary>The builtin operator code is not part of the schema this frontend knows.</summary>
    public const string UnknownOperator = "MTVM3020";

    /// <summary>The builtin operator has no importer.</summary>
    public const string UnsupportedOperator = "MTVM3021";

    /// <summary>Custom operators are not supported.</summary>
    public const string CustomOperator = "MTVM3022";

    /// <summary>An operator option (activation, padding, mask, weights format …) has an unsupported value.</summary>
    public const string UnsupportedOption = "MTVM3023";

    /// <summary>An operand that must be a constant (shape, axes, permutation …) is computed at run time.</summary>
    public const string NonConstantOperand = "MTVM3024";

    /// <summary>An operator has the wrong number of inputs or outputs, or operands of impossible shape.</summary>
    public const string BadOperands = "MTVM3025";

    /// <summary>An operator's builtin options table is of another operator's type.</summary>
    public const string OptionsMismatch = "MTVM3026";

    /// <summary>The OfflineMemoryAllocation metadata is malformed and was ignored.</summary>
    public const string BadOfflineMemoryAllocation = "MTVM3030";

    /// <summary>Note: a dynamic batch dimension was taken as the static extent the model stores.</summary>
    public const string StaticBatch = "MTVM3040";

    /// <summary>Note: a variable tensor (recurrent state) without a producer starts from zeros.</summary>
    public const string VariableAsZeros = "MTVM3041";

    /// <summary>Note: subgraphs other than the first are not imported.</summary>
    public const string ExtraSubgraphs = "MTVM3042";
}
