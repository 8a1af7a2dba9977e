using MicroTvm.Backends.C;
using MicroTvm.IR.Executor;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.Testing;

/// <summary>
/// Whether compiled models, run on the host through <see cref="TypedApiHarness"/>, compute what the
/// reference interpreter computes on the original modules for random inputs: integers bit for
/// bit, floats within <see cref="FloatTolerance.Reference"/>; outputs are matched by position.
/// </summary>
public static class InterpreterAgreement
{
    /// <summary>Null when every model agrees, else the differences.</summary>
    /// <param name="objectOf">the model's code as a host object (another backend's); null compiles the C backend's source</param>
    public static string? Check(
        IReadOnlyList<(string Name, Module Original, Module Compiled)> models,
        int seed,
        IReadOnlyList<string> extraFlags,
        Func<Module, string, byte[]>? objectOf = null)
    {
        var harness = new List<HarnessModel>();
        var expected = new List<InterpreterResult>();
        foreach (var (name, original, compiled) in models)
        {
            var inputs = RandomTensors.ForInputs(original.Main, seed);
            harness.Add(new HarnessModel(
                CModelEmitter.Emit(compiled, name, "mtvm tests"),
                ModelInterface.Of(compiled, name),
                [.. original.Main.Inputs.Select(i => inputs[i.Name].Bytes.ToArray())],
                objectOf?.Invoke(compiled, name)));
            expected.Add(Interpreter.Run(original, inputs));
        }

        var actual = TypedApiHarness.Run(harness, extraFlags);
        var problems = new List<string>();
        for (var m = 0; m < models.Count; m++)
        {
            var (name, original, _) = models[m];
            var result = expected[m];
            if (!result.Succeeded)
            {
                problems.Add($"model {name}: the interpreter failed: {string.Join("; ", result.Diagnostics)}");
                continue;
            }

            var outputs = original.Main.Outputs;
            var want = outputs.Select((o, i) => ($"{i}:{o}", result.Outputs[o])).ToDictionary(p => p.Item1, p => p.Item2);
            var got = outputs.Select((o, i) => ($"{i}:{o}", new TensorData(result.Outputs[o].Type, actual[m][i]))).ToDictionary(p => p.Item1, p => p.Item2);
            if (OutputComparison.Describe(want, got, FloatTolerance.Reference) is { } difference)
            {
                problems.Add($"model {name} (seed {seed}, flags '{string.Join(' ', extraFlags)}'):\n{difference}");
            }
        }

        return problems.Count == 0 ? null : string.Join("\n", problems);
    }
}
