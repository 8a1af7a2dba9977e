using System.Collections.Immutable;
using MicroTvm.IR.Interpretation;

namespace MicroTvm.IR.Tests.Interpretation;

/// <summary>Builds one-node modules whose operands are graph inputs, runs them and reads results.</summary>
internal static class InterpreterTestKit
{
    public static TensorType F32(params int[] shape) => new(ElementType.F32, [.. shape]);

    public static TensorType Q(ElementType type, float scale, long zeroPoint, params int[] shape) =>
        new(type, [.. shape], Quantization.PerTensor(scale, zeroPoint));

    public static TensorData Floats(TensorType type, params float[] values) => TensorData.FromSingles(type, values);

    public static TensorData Ints(TensorType type, params long[] values) => TensorData.FromInt64s(type, values);

    public static Attribute Int(long value) => new IntAttribute(value);

    public static Attribute Ints(params long[] values) => new IntListAttribute([.. values]);

    public static Attribute Float(double value) => new FloatAttribute(value);

    public static Attribute Bool(bool value) => new BoolAttribute(value);

    public static Attribute Str(string value) => new StringAttribute(value);

    /// <summary>Runs <paramref name="op"/> on the operands (null: absent optional operand) and returns its results in order.</summary>
    public static TensorData[] RunMany(OpDefinition op, TensorData?[] operands, TensorType[] results, params (string Name, Attribute Value)[] attributes)
    {
        var inputs = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var graphInputs = ImmutableArray.CreateBuilder<Value>();
        var names = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < operands.Length; i++)
        {
            if (operands[i] is not { } operand)
            {
                names.Add(string.Empty);
                continue;
            }

            var name = $"in{i}";
            names.Add(name);
            graphInputs.Add(new Value(name, operand.Type));
            inputs[name] = new TensorData(StripQuantization(operand.Type), operand.Bytes);
        }

        var resultValues = results.Select((t, i) => new Value($"out{i}", t)).ToImmutableArray();
        var node = new Node(op, names.ToImmutable(), resultValues, attributes.ToImmutableSortedDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));
        var graph = new Graph("main", graphInputs.ToImmutable(), [node], [.. resultValues.Select(r => r.Name)]);
        var run = Interpreter.Run(new Module([graph]), inputs);
        Assert.True(run.Succeeded, string.Join("\n", run.Diagnostics));
        return [.. resultValues.Select(r => run.Outputs[r.Name])];
    }

    public static TensorData Run(OpDefinition op, TensorData?[] operands, TensorType result, params (string Name, Attribute Value)[] attributes) =>
        RunMany(op, operands, [result], attributes)[0];

    public static float[] RunFloats(OpDefinition op, TensorData?[] operands, TensorType result, params (string Name, Attribute Value)[] attributes) =>
        Run(op, operands, result, attributes).ToSingles();

    public static long[] RunInts(OpDefinition op, TensorData?[] operands, TensorType result, params (string Name, Attribute Value)[] attributes) =>
        Run(op, operands, result, attributes).ToInt64s();

    public static void Close(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}\nexpected [{string.Join(", ", expected)}]\nactual   [{string.Join(", ", actual)}]");
        }
    }

    /// <summary>Host buffers carry no quantization: the graph input's type supplies it.</summary>
    private static TensorType StripQuantization(TensorType type) => new(type.ElementType, type.Shape);
}
