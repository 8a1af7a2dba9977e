using MicroTvm.IR;

namespace MicroTvm.IR.Tests.Inference;

/// <summary>One documented-layout example of an op: operand types and attributes in, result types out.</summary>
public sealed record InferenceCase(OpDefinition Op, TensorType?[] Operands, (string Name, Attribute Value)[] Attributes, TensorType[] Expected, TensorType[]? Declared = null)
{
    public override string ToString() => $"{Op.Name}({string.Join(", ", Operands.Select(o => o?.ToString() ?? "_"))}) -> {string.Join(", ", Expected.AsEnumerable())}";
}
