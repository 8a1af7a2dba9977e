namespace MicroTvm.IR;

public enum OperandArity
{
    Required,

    /// <summary>May be absent: omitted at the end of the operand list, or an empty name in the middle.</summary>
    Optional,

    /// <summary>Zero or more operands; only the last operand spec may be variadic.</summary>
    Variadic,
}
