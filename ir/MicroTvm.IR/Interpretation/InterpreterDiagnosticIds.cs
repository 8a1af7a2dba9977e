namespace MicroTvm.IR.Interpretation;

/// <summary>Stable ids of the interpreter's and the tensor file readers' diagnostics (MTVM1100–MTVM1199).</summary>
public static class InterpreterDiagnosticIds
{
    public const string UnknownGraph = "MTVM1100";
    public const string MissingInput = "MTVM1101";
    public const string UnexpectedInput = "MTVM1102";
    public const string InputElementType = "MTVM1103";
    public const string InputShape = "MTVM1104";
    public const string NodeFailed = "MTVM1110";
    public const string UndefinedValue = "MTVM1111";
    public const string MalformedFile = "MTVM1120";
    public const string UnsupportedDtype = "MTVM1121";
    public const string UnreadableFile = "MTVM1122";
    public const string SingleArrayNeedsOneInput = "MTVM1123";
}
