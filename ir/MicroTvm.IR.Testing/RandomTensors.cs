namespace MicroTvm.IR.Testing;

/// <summary>
/// Deterministic random contents for a graph's inputs: floats uniform in [-range, range],
/// integers uniform over the whole range of their element type (quantized or not), bools 0/1.
/// </summary>
public static class RandomTensors
{
    public static ImmutableDictionary<string, TensorData> ForInputs(Graph graph, int seed, float floatRange = 2f)
    {
        var random = new Random(seed);
        var inputs = ImmutableDictionary.CreateBuilder<string, TensorData>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            inputs.Add(input.Name, For(input.Type, random, floatRange));
        }

        return inputs.ToImmutable();
    }

    public static TensorData For(TensorType type, Random random, float floatRange = 2f)
    {
        if (type.ElementType == ElementType.F32)
        {
            var values = new float[type.ElementCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ((float)random.NextDouble() * 2f - 1f) * floatRange;
            }

            return TensorData.FromSingles(type, values);
        }

        var integers = new long[type.ElementCount];
        var (min, max) = type.ElementType switch
        {
            ElementType.I32 => (-(1L << 20), 1L << 20),
            ElementType.I64 => (-(1L << 40), 1L << 40),
            var other => (other.MinValue(), other.MaxValue()),
        };
        for (var i = 0; i < integers.Length; i++)
        {
            integers[i] = random.NextInt64(min, max + 1);
        }

        return TensorData.FromInt64s(type, integers);
    }
}
