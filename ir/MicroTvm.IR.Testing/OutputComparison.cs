namespace MicroTvm.IR.Testing;

/// <summary>
/// Compares two sets of named tensors: same names, same types, integers equal and floats within
/// a tolerance. The result is null when they agree, else a description of the differences
/// (the first few differing elements of each tensor) fit for a test failure message.
/// </summary>
public static class OutputComparison
{
    private const int ElementsShown = 5;

    public static string? Describe(
        IReadOnlyDictionary<string, TensorData> expected,
        IReadOnlyDictionary<string, TensorData> actual,
        FloatTolerance tolerance)
    {
        var problems = new List<string>();
        foreach (var name in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            if (!expected.TryGetValue(name, out var want))
            {
                problems.Add($"unexpected output '{name}'");
            }
            else if (!actual.TryGetValue(name, out var got))
            {
                problems.Add($"missing output '{name}'");
            }
            else if (DescribeTensor(name, want, got, tolerance) is { } difference)
            {
                problems.Add(difference);
            }
        }

        return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems);
    }

    private static string? DescribeTensor(string name, TensorData expected, TensorData actual, FloatTolerance tolerance)
    {
        if (!expected.Type.Equals(actual.Type))
        {
            return $"'{name}': expected type {expected.Type} but got {actual.Type}";
        }

        var differing = new List<string>();
        var count = 0;
        for (long i = 0; i < expected.Type.ElementCount; i++)
        {
            string? difference = expected.Type.ElementType == ElementType.F32
                ? tolerance.Accepts(expected.GetSingle(i), actual.GetSingle(i)) ? null : $"[{i}] expected {expected.GetSingle(i):R}, got {actual.GetSingle(i):R}"
                : expected.GetInt64(i) == actual.GetInt64(i) ? null : $"[{i}] expected {expected.GetInt64(i)}, got {actual.GetInt64(i)}";
            if (difference is null)
            {
                continue;
            }

            count++;
            if (differing.Count < ElementsShown)
            {
                differing.Add(difference);
            }
        }

        return count == 0
            ? null
            : $"'{name}': {count} of {expected.Type.ElementCount} elements differ: {string.Join("; ", differing)}";
    }
}
