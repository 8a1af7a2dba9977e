namespace MicroTvm.IR.Verification;

/// <summary>Stable ids of the verifier's diagnostics (MTVM1050–MTVM1099). Never renumber: tests and users match on them.</summary>
public static class VerifierDiagnosticIds
{
    public const string NoGraphs = "MTVM1050";
    public const string DuplicateGraphName = "MTVM1051";
    public const string DuplicateValueName = "MTVM1052";
    public const string UndefinedValue = "MTVM1053";
    public const string UseBeforeDefinition = "MTVM1054";
    public const string UndefinedGraphOutput = "MTVM1055";
    public const string OperandCount = "MTVM1056";
    public const string MissingOperand = "MTVM1057";
    public const string UnknownAttribute = "MTVM1058";
    public const string AttributeKind = "MTVM1059";
    public const string MissingAttribute = "MTVM1060";
    public const string AttributeValueNotAllowed = "MTVM1061";
    public const string ResultCount = "MTVM1062";
    public const string TypeInferenceFailed = "MTVM1063";
    public const string ResultTypeMismatch = "MTVM1064";
    public const string InvalidScale = "MTVM1065";
    public const string ZeroPointOutOfRange = "MTVM1066";
    public const string QuantizationAxisOutOfRange = "MTVM1067";
    public const string QuantizationScaleCount = "MTVM1068";
    public const string QuantizedNonInteger = "MTVM1069";
    public const string ConstantTypeMismatch = "MTVM1070";
    public const string UnsupportedElementType = "MTVM1071";
    public const string UnquantizedInteger = "MTVM1072";
    public const string UnknownCallee = "MTVM1073";
    public const string CallOperandMismatch = "MTVM1074";
    public const string CallResultMismatch = "MTVM1075";
    public const string RecursiveCall = "MTVM1076";
    public const string QuantizedFusedActivation = "MTVM1077";

    /// <summary>Memory plan: two pools with one name.</summary>
    public const string DuplicatePool = "MTVM1080";

    /// <summary>Memory plan: a placement of something that is not an intermediate buffer or kernel workspace.</summary>
    public const string UnplannableBuffer = "MTVM1081";

    /// <summary>Memory plan: one buffer placed twice.</summary>
    public const string DuplicatePlacement = "MTVM1082";

    /// <summary>Memory plan: a placement in an undeclared pool.</summary>
    public const string UnknownPool = "MTVM1083";

    /// <summary>Memory plan: an intermediate buffer or workspace without a place.</summary>
    public const string UnplacedBuffer = "MTVM1084";

    /// <summary>Memory plan: an offset not aligned as the buffer's kernels need.</summary>
    public const string MisalignedPlacement = "MTVM1085";

    /// <summary>Memory plan: a buffer reaching past the end of its pool.</summary>
    public const string PlacementOutsidePool = "MTVM1086";

    /// <summary>Memory plan: two buffers live at the same step share bytes.</summary>
    public const string OverlappingPlacements = "MTVM1087";

    /// <summary>A kernel named like a graph or like another kernel (kept apart from the run above, which others extend).</summary>
    public const string DuplicateKernelName = "MTVM1090";

    /// <summary>A kernel_call names no kernel of the module.</summary>
    public const string UnknownKernel = "MTVM1095";

    /// <summary>A kernel_call's operand or result count differs from the kernel's input/constant or output parameters.</summary>
    public const string KernelCallArity = "MTVM1096";

    /// <summary>A kernel_call's operand or result has another element type or element count than its parameter.</summary>
    public const string KernelCallBufferMismatch = "MTVM1097";

    /// <summary>A kernel_call without results.</summary>
    public const string KernelCallWithoutResults = "MTVM1098";
}
