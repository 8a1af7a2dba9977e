namespace MicroTvm.Passes;

public enum OptionKind
{
    Integer,
    Float,
    Bool,
    String,
    ByteSize,
    Enum,
    List,
}
