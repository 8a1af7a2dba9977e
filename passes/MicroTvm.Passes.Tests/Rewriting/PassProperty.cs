using FsCheck;
using FsCheck.Fluent;
using MicroTvm.IR.Testing;
using MicroTvm.Passes.Tests.Support;

namespace MicroTvm.Passes.Tests.Rewriting;

/// <summary>
/// The property every rewriting pass is held to: run through the pass manager (verifier after
/// every pass), the module's outputs agree with the original's on random inputs. A failure names
/// the replay and prints the module before (a ready-to-paste .mir test) and after.
/// </summary>
internal static class PassProperty
{
    public static Config Config { get; } = Config.QuickThrowOnFailure.WithMaxTest(150);

    /// <summary>The module the pipeline makes of <paramref name="before"/>, or null with <paramref name="failure"/> saying why.</summary>
    public static Module? Run(string pipeline, Module before, int seed, FloatTolerance tolerance, out string? failure)
    {
        var result = new PassManager(new PassManagerOptions(), []).Run(before, TestRegistry.Bind(pipeline));
        failure = result.Module is null
            ? $"the pipeline failed:\n{string.Join("\n", result.Diagnostics)}\n--- before ---\n{IR.Text.ModulePrinter.Print(before)}"
            : SemanticEquivalence.Check(before, result.Module, seed, tolerance);
        return failure is null ? result.Module : null;
    }

    /// <summary>Equivalence plus an extra check of the output (e.g. that the rewrite really fired).</summary>
    public static Property Holds(string pipeline, Module before, int seed, FloatTolerance tolerance, string replay, Func<Module, string?>? check = null)
    {
        var after = Run(pipeline, before, seed, tolerance, out var failure);
        if (after is not null && check?.Invoke(after) is { } problem)
        {
            failure = $"{problem}\n--- before ---\n{IR.Text.ModulePrinter.Print(before)}\n--- after ---\n{IR.Text.ModulePrinter.Print(after)}";
        }

        return (failure is null).Label($"replay: {replay}\n// PIPELINE: {pipeline}\n{failure}");
    }
}
