using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Text;

namespace MicroTvm.Passes.Tests.BuildAotExecutor;

/// <summary>
/// <see cref="SemanticEquivalence"/> for transformations that rename graph outputs
/// (build-aot-executor gives copied outputs fresh names): the interpreter's outputs are matched
/// by position in <c>return</c>, not by name, so a value returned twice is compared twice.
/// </summary>
internal static class PositionalEquivalence
{
    /// <summary>Null when <paramref name="after"/>'s i-th output equals <paramref name="before"/>'s for every i on random inputs.</summary>
    public static string? Check(Module before, Module after, int seed, FloatTolerance tolerance, int trials = 3)
    {
        if (before.Main.Outputs.Length != after.Main.Outputs.Length)
        {
            return $"{before.Main.Outputs.Length} outputs before, {after.Main.Outputs.Length} after";
        }

        for (var trial = 0; trial < trials; trial++)
        {
            var inputs = RandomTensors.ForInputs(before.Main, seed + trial);
            var expected = Interpreter.Run(before, inputs);
            var actual = Interpreter.Run(after, inputs);
            if (!expected.Succeeded || !actual.Succeeded)
            {
                return $"a module does not run: {string.Join("; ", expected.Diagnostics.Concat(actual.Diagnostics))}";
            }

            var difference = OutputComparison.Describe(ByPosition(before.Main, expected.Outputs), ByPosition(after.Main, actual.Outputs), tolerance);
            if (difference is not null)
            {
                return $"inputs seeded with {seed + trial}: {difference}\n--- before ---\n{ModulePrinter.Print(before)}\n--- after ---\n{ModulePrinter.Print(after)}";
            }
        }

        return null;
    }

    private static Dictionary<string, TensorData> ByPosition(Graph main, IReadOnlyDictionary<string, TensorData> outputs) =>
        main.Outputs.Select((name, i) => (Key: $"output {i}", Value: outputs[name])).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
