using System.Collections.Immutable;
using MicroTvm.IR;

namespace MicroTvm.IR.Tests.Support;

/// <summary>Builds nodes and single-graph modules tersely for tests.</summary>
internal static class NodeFactory
{
    public static Node Node(OpDefinition op, string[] operands, Value[] results, params (string Name, Attribute Value)[] attributes) =>
        new(op, [.. operands], [.. results], Attributes(attributes));

    public static Node Node(OpDefinition op, string[] operands, Value result, params (string Name, Attribute Value)[] attributes) =>
        Node(op, operands, [result], attributes);

    public static Node Constant(string name, TensorType type)
    {
        var data = type.ElementType == ElementType.F32
            ? TensorData.FromSingles(type, new float[type.ElementCount])
            : TensorData.FromInt64s(type, new long[type.ElementCount]);
        return Node(Ops.Constant, [], new Value(name, type), ("value", new TensorAttribute(data)));
    }

    public static ImmutableSortedDictionary<string, Attribute> Attributes(params (string Name, Attribute Value)[] attributes) =>
        attributes.ToImmutableSortedDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);

    public static IntAttribute Int(long value) => new(value);

    public static IntListAttribute Ints(params long[] values) => new([.. values]);

    public static StringAttribute Str(string value) => new(value);

    public static BoolAttribute Bool(bool value) => new(value);

    public static FloatAttribute Float(double value) => new(value);

    public static Graph Graph(Value[] inputs, Node[] nodes, string[] outputs, string name = "main") =>
        new(name, [.. inputs], [.. nodes], [.. outputs]);

    public static Module Module(params Graph[] graphs) => new([.. graphs]);
}
