namespace MicroTvm.IR.Kernels;

/// <summary>Stable ids of the kernel IR verifier's diagnostics (MTVM1200–MTVM1299). Never renumber.</summary>
public static class KernelDiagnosticIds
{
    public const string DuplicateParameter = "MTVM1200";
    public const string UnknownBuffer = "MTVM1201";
    public const string StoreToReadOnlyBuffer = "MTVM1202";
    public const string UndeclaredVariable = "MTVM1203";
    public const string Redeclaration = "MTVM1204";
    public const string VariableTypeMismatch = "MTVM1205";
    public const string AssignToLoopVariable = "MTVM1206";
    public const string VariableNamedLikeBuffer = "MTVM1207";
    public const string OperandTypeMismatch = "MTVM1210";
    public const string OperatorType = "MTVM1211";
    public const string ConditionNotBool = "MTVM1212";
    public const string SelectArmMismatch = "MTVM1213";
    public const string IndexNotI32 = "MTVM1214";
    public const string StoreValueType = "MTVM1215";
    public const string InitializerType = "MTVM1216";
    public const string AssignmentType = "MTVM1217";
    public const string IntrinsicArity = "MTVM1218";
    public const string IntrinsicArgumentType = "MTVM1219";
    public const string SaturateType = "MTVM1220";
    public const string IndexOutOfBounds = "MTVM1230";
}
