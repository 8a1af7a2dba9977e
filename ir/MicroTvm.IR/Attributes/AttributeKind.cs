namespace MicroTvm.IR;

public enum AttributeKind
{
    Int,
    Float,
    Bool,
    String,
    IntList,
    FloatList,
    Tensor,
}
