namespace MicroTvm.Passes.Testing;

/// <summary>One <c>// CHECK…:</c> line of a test file: its kind, pattern and the test-file line it is on.</summary>
public sealed record CheckDirective(CheckKind Kind, string Pattern, int Line)
{
    public string Spelling => Kind switch
    {
        CheckKind.Check => "CHECK",
        CheckKind.Next => "CHECK-NEXT",
        CheckKind.Not => "CHECK-NOT",
        _ => "CHECK-LABEL",
    };

    public override string ToString() => $"{Spelling}: {Pattern}";
}
