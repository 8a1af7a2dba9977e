namespace MicroTvm.Frontend.TFLite.Model;

/// <summary>An entry of the model's opcode table: a builtin code (possibly unknown to this frontend) or a custom op's name.</summary>
internal sealed record TfliteOperatorCode(int BuiltinCode, string? CustomCode)
{
    public string DisplayName =>
        BuiltinCode == (int)Schema.BuiltinOperator.CUSTOM
            ? $"CUSTOM({CustomCode ?? "?"})"
            : Enum.IsDefined((Schema.BuiltinOperator)BuiltinCode) ? ((Schema.BuiltinOperator)BuiltinCode).ToString() : $"BUILTIN_{BuiltinCode}";
}
