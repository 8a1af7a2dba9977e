using System.Runtime.InteropServices;
using MicroTvm.IR;
using MicroTvm.IR.Interpretation;
using Xunit.Abstractions;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>
/// Runs the corpus models that have reference data (tflite-data/*/expect.json) through the
/// reference interpreter and checks each expectation as upstream's test states it.
/// </summary>
public sealed class CorpusInterpreterTests(ITestOutputHelper output)
{
    [Fact]
    public void HelloWorldFloatFollowsSine() => Run("hello_world_float.tflite", (module, report) =>
    {
        foreach (var x in new[] { 0f, 1f, 3f, 5f })
        {
            var y = Single(module, Floats(module, [x])).ToSingles()[0];
            report($"x={x}", Math.Abs(y - Math.Sin(x)) <= 0.05, $"y={y}, sin={Math.Sin(x):F4}");
        }
    });

    [Fact]
    public void HelloWorldInt8FollowsSine() => Run("hello_world_int8.tflite", (module, report) =>
    {
        sbyte[] inputs = [-96, -63, -34, 0];
        double[] xs = [0.77, 1.57, 2.3, 3.14];
        for (var i = 0; i < inputs.Length; i++)
        {
            var data = Single(module, Bytes(module, MemoryMarshal.AsBytes<sbyte>(inputs.AsSpan(i, 1)).ToArray()));
            var q = data.Type.Quantization!;
            var y = (data.GetInt64(0) - q.ZeroPoint) * q.Scale;
            report($"x≈{xs[i]}", Math.Abs(y - Math.Sin(xs[i])) <= 0.05, $"y={y:F4}, sin={Math.Sin(xs[i]):F4}");
        }
    });

    [Fact]
    public void MicroSpeechRecognisesWords() => Run("micro_speech_quantized.tflite", (module, report) =>
    {
        foreach (var (file, label) in new[] { ("tflm_yes_features.int8.raw", 2), ("tflm_no_features.int8.raw", 3) })
        {
            var scores = Single(module, Bytes(module, Data("micro_speech", file))).ToInt64s();
            report(file, ArgMax(scores) == label, $"scores [{string.Join(", ", scores)}]");
        }

        foreach (var (file, expected) in new[]
                 {
                     ("tvm_yes_features.int8.raw", new long[] { 115, -123, -125, -123 }), ("tvm_no_features.int8.raw", [-128, 4, -123, -9]),
                     ("tvm_silence_features.int8.raw", [-128, -118, 107, -117]), ("tvm_unknown_features.int8.raw", [-128, -125, -128, 125]),
                 })
        {
            var scores = Single(module, Bytes(module, Data("micro_speech", file))).ToInt64s();
            report(file, scores.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 2), $"scores [{string.Join(", ", scores)}] vs [{string.Join(", ", expected)}] ±2");
        }
    });

    [Fact]
    public void MnistLstmFloatReadsDigits() => Run("mnist_lstm_float.tflite", (module, report) =>
    {
        for (var digit = 0; digit < 10; digit++)
        {
            var pixels = Data("mnist_lstm", $"sample{digit}.u8.raw");
            var scores = Single(module, Floats(module, [.. pixels.Select(p => p / 255.0f)])).ToSingles();
            report($"sample{digit}", ArgMax(scores) == digit, $"argmax {ArgMax(scores)}");
        }
    });

    [Fact]
    public void MnistLstmInt8ReadsDigits() => Run("mnist_lstm_int8.tflite", (module, report) =>
    {
        var q = module.Main.Inputs[0].Type.Quantization!;
        for (var digit = 0; digit < 10; digit++)
        {
            var pixels = Data("mnist_lstm", $"sample{digit}.u8.raw");
            var quantized = pixels.Select(p => unchecked((byte)(sbyte)(int)((p / 255.0f / q.Scale) + q.ZeroPoint))).ToArray();
            var scores = Single(module, Bytes(module, quantized)).ToInt64s();
            report($"sample{digit}", ArgMax(scores) == digit, $"argmax {ArgMax(scores)}");
        }
    });

    [Fact]
    public void NetworkTesterIsByteExact() => Run("network_tester_dwconv_int8.tflite", (module, report) =>
    {
        var result = Single(module, Bytes(module, Data("network_tester", "input.int8.raw")));
        var expected = Data("network_tester", "expected_output.int8.raw");
        var differing = Enumerable.Range(0, expected.Length).Count(i => result.Bytes.Span[i] != expected[i]);
        report("input.int8.raw", result.Bytes.Length == expected.Length && differing == 0, $"{differing} of {expected.Length} bytes differ");
    });

    [Fact]
    public void PersonDetectionTellsPersonsApart() => Run("person_detect.tflite", (module, report) =>
    {
        foreach (var (file, person) in new[] { ("person.int8.raw", true), ("no_person.int8.raw", false) })
        {
            var scores = Single(module, Bytes(module, Data("person_detect", file))).ToInt64s();
            report(file, person ? scores[1] > scores[0] : scores[0] > scores[1], $"no person {scores[0]}, person {scores[1]}");
        }
    });

    private void Run(string model, Action<Module, Action<string, bool, string>> cases)
    {
        if (TestPaths.Corpus is not { } corpus)
        {
            return;
        }

        var module = Imports.ImportAndVerify(File.ReadAllBytes(Path.Combine(corpus, "tflite", model)), model);
        var failures = new List<string>();
        var total = 0;
        cases(module, (name, ok, detail) =>
        {
            total++;
            output.WriteLine($"{model} {name}: {(ok ? "match" : "MISMATCH")} ({detail})");
            if (!ok)
            {
                failures.Add($"{name}: {detail}");
            }
        });
        output.WriteLine($"{model}: {total - failures.Count}/{total} match");
        Assert.True(failures.Count == 0, $"{model}: {failures.Count} of {total} cases differ from the reference:\n{string.Join("\n", failures)}");
    }

    private static TensorData Single(Module module, TensorData input)
    {
        var result = Interpreter.Run(module, new Dictionary<string, TensorData> { [module.Main.Inputs[0].Name] = input });
        Assert.True(result.Succeeded, Imports.Describe(result.Diagnostics));
        return result.Outputs[module.Main.Outputs[0]];
    }

    private static TensorData Floats(Module module, float[] values) => TensorData.FromSingles(module.Main.Inputs[0].Type, values);

    private static TensorData Bytes(Module module, byte[] bytes) => new(module.Main.Inputs[0].Type, bytes);

    private static byte[] Data(string folder, string file) => File.ReadAllBytes(Path.Combine(TestPaths.Corpus!, "tflite-data", folder, file));

    private static int ArgMax<T>(T[] values)
        where T : IComparable<T> =>
        Enumerable.Range(0, values.Length).Aggregate((best, i) => values[i].CompareTo(values[best]) > 0 ? i : best);
}
