using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Testing;

/// <summary>
/// The oracle check every transformation is held to: on the same random inputs, the reference
/// interpreter computes the same outputs before and after (integers exactly, floats within a
/// tolerance, since e.g. folding a batch norm into a conv reassociates float arithmetic).
/// </summary>
public static class SemanticEquivalence
{
    /// <summary>Null when <paramref name="after"/> computes what <paramref name="before"/> does on
    /// <paramref name="trials"/> random inputs; else what differs, with both modules as text.</summary>
    public static string? Check(Module before, Module after, int seed, FloatTolerance tolerance, int trials = 3)
    {
        for (var trial = 0; trial < trials; trial++)
        {
            var inputs = RandomTensors.ForInputs(before.Main, seed + trial);
            var expected = Interpreter.Run(before, inputs);
            if (!expected.Succeeded)
            {
                return $"the original module does not run: {string.Join("; ", expected.Diagnostics)}";
            }

            var actual = Interpreter.Run(after, inputs);
            var difference = actual.Succeeded
                ? OutputComparison.Describe(expected.Outputs, actual.Outputs, tolerance)
                : $"the transformed module does not run: {string.Join("; ", actual.Diagnostics)}";
            if (difference is not null)
            {
                return $"""
                    inputs seeded with {seed + trial}: {difference}
                    --- before ---
                    {ModulePrinter.Print(before)}
                    --- after ---
                    {ModulePrinter.Print(after)}
                    """;
            }
        }

        return null;
    }
}
