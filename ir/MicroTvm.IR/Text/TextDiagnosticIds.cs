namespace MicroTvm.IR.Text;

/// <summary>The stable ids of the diagnostics the <c>.mir</c> parser reports (MTVM1001–MTVM1049).</summary>
public static class TextDiagnosticIds
{
    /// <summary>The tokens do not form valid syntax.</summary>
    public const string SyntaxError = "MTVM1001";

    /// <summary>A character that starts no token.</summary>
    public const string UnexpectedCharacter = "MTVM1002";

    public const string UnknownOp = "MTVM1003";

    /// <summary>A string or quoted name that does not end on its line.</summary>
    public const string UnterminatedString = "MTVM1004";

    public const string InvalidEscape = "MTVM1005";

    public const string UnknownElementType = "MTVM1006";

    /// <summary>An integer literal that does not fit where it is used (dimension, attribute, element).</summary>
    public const string IntegerOutOfRange = "MTVM1007";

    /// <summary>A finite float literal that overflows to infinity in its type.</summary>
    public const string FloatOutOfRange = "MTVM1008";

    public const string DuplicateAttribute = "MTVM1009";

    /// <summary>The number of result names differs from the number of result types.</summary>
    public const string ResultTypeCount = "MTVM1010";

    /// <summary>An attribute value whose kind differs from the op's attribute spec.</summary>
    public const string AttributeKindMismatch = "MTVM1011";

    /// <summary>A list mixes integers and floats, or holds booleans, where no spec decides its kind.</summary>
    public const string InvalidList = "MTVM1012";

    /// <summary>A dense tensor whose element count or byte count differs from its type.</summary>
    public const string DenseSizeMismatch = "MTVM1013";

    /// <summary>A dense tensor element of the wrong kind for the element type.</summary>
    public const string DenseElementKind = "MTVM1014";

    /// <summary>Malformed hex: dense bytes, or a <c>nan(0x…)</c> that is too long or not a NaN.</summary>
    public const string InvalidHex = "MTVM1015";

    /// <summary>A per-axis quantization without scales.</summary>
    public const string InvalidQuantization = "MTVM1016";

    /// <summary>A quoted value or graph name with nothing inside the quotes.</summary>
    public const string EmptyName = "MTVM1017";

    /// <summary>A kernel expression names a variable that is not declared in an enclosing scope.</summary>
    public const string UnknownVariable = "MTVM1018";

    /// <summary>A kernel load or store names a buffer that is not a parameter of the kernel.</summary>
    public const string UnknownBuffer = "MTVM1019";

    /// <summary>A call of a function that is neither an intrinsic nor select, min or max.</summary>
    public const string UnknownIntrinsic = "MTVM1020";

    /// <summary>select, min or max with the wrong number of arguments (intrinsic arity is the kernel verifier's).</summary>
    public const string ArgumentCount = "MTVM1021";

    /// <summary>A kernel, buffer or variable name that kernel IR does not accept.</summary>
    public const string InvalidKernelName = "MTVM1022";

    /// <summary>A buffer parameter with no elements or an alignment that is not a power of two of at least the element size.</summary>
    public const string InvalidBuffer = "MTVM1023";

    /// <summary>A loop range that does not start at 0 or is empty.</summary>
    public const string InvalidLoopRange = "MTVM1024";

    /// <summary>An integer literal with a type suffix it cannot have (<c>1:f32</c>).</summary>
    public const string InvalidLiteralType = "MTVM1025";

    /// <summary>A top-level or memory-plan declaration that starts with an unknown word (<c>memory_plan</c> and <c>pool</c> are the known ones).</summary>
    public const string UnknownDeclaration = "MTVM1026";

    /// <summary>A memory pool without a valid <c>bytes</c> and power-of-two <c>alignment</c>, or a negative offset.</summary>
    public const string InvalidPool = "MTVM1027";

    /// <summary>More than one memory plan in a module.</summary>
    public const string DuplicateMemoryPlan = "MTVM1028";
}
