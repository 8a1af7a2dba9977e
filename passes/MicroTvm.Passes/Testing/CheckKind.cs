namespace MicroTvm.Passes.Testing;

public enum CheckKind
{
    /// <summary><c>CHECK:</c> matches somewhere after the previous match.</summary>
    Check,

    /// <summary><c>CHECK-NEXT:</c> matches on the line right after the previous match.</summary>
    Next,

    /// <summary><c>CHECK-NOT:</c> matches nowhere between the neighbouring matches.</summary>
    Not,

    /// <summary><c>CHECK-LABEL:</c> matches first; it splits the output into blocks that the other checks cannot cross.</summary>
    Label,
}
