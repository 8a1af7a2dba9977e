using System.Collections.Immutable;
using MicroTvm.IR;

namespace MicroTvm.IR.Tests.Inference;

/// <summary>Runs an op's type inference on operand types directly (null: an absent optional operand).</summary>
internal static class Inference
{
    public static ImmutableArray<TensorType> Run(
        OpDefinition op, TensorType?[] operands, (string Name, Attribute Value)[] attributes, TensorType[]? declared, out ImmutableArray<string> errors)
    {
        var names = operands.Select((type, i) => type is null ? string.Empty : $"o{i}").ToArray();
        var results = (declared ?? [new TensorType(ElementType.F32, [])]).Select((type, i) => new Value($"r{i}", type));
        var node = new Node(op, [.. names], [.. results], attributes.ToImmutableSortedDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));
        return TypeInferenceRunner.InferResultTypes(node, name => operands[int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture)], out errors);
    }

    public static TensorType[] Types(OpDefinition op, TensorType?[] operands, (string, Attribute)[]? attributes = null, TensorType[]? declared = null)
    {
        var types = Run(op, operands, attributes ?? [], declared, out var errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors));
        return [.. types];
    }

    public static string Error(OpDefinition op, TensorType?[] operands, (string, Attribute)[]? attributes = null, TensorType[]? declared = null)
    {
        var types = Run(op, operands, attributes ?? [], declared, out var errors);
        Assert.True(types.IsDefault);
        return Assert.Single(errors);
    }
}
