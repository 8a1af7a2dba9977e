namespace MicroTvm.IR;

/// <summary>The scalar types a tensor element may have.</summary>
public enum ElementType
{
    F32,
    I8,
    U8,
    I16,
    I32,
    I64,
    Bool,
}
