namespace MicroTvm.IR;

public sealed record OperandSpec(string Name, OperandArity Arity);
