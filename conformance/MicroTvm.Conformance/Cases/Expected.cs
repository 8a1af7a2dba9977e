using MicroTvm.IR.Testing;

namespace MicroTvm.Conformance.Cases;

/// <summary>Checks of firmware outputs: against expected tensors (integers exact, floats within a tolerance), and helpers for upstream's own expectations.</summary>
internal static class Expected
{
    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/> (by output name; the firmware's bytes read with the expected types), else the first differing elements.</summary>
    public static string? Matches(IReadOnlyDictionary<string, TensorData> expected, IReadOnlyDictionary<string, TensorData> actual, FloatTolerance tolerance)
    {
        var retyped = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var (name, tensor) in actual)
        {
            retyped[name] = expected.TryGetValue(name, out var want) && want.Bytes.Length == tensor.Bytes.Length ? new TensorData(want.Type, tensor.Bytes) : tensor;
        }

        return OutputComparison.Describe(expected, retyped, tolerance);
    }

    /// <summary>The single output of a one-output model.</summary>
    public static TensorData Only(IReadOnlyDictionary<string, TensorData> outputs) => outputs.Values.Single();

    public static int ArgMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    public static double[] Values(TensorData tensor) =>
        tensor.Type.ElementType == ElementType.F32 ? [.. tensor.ToSingles().Select(v => (double)v)] : [.. tensor.ToInt64s().Select(v => (double)v)];
}
