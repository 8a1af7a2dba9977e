using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MicroTvm.Conformance.Cases;

/// <summary>
/// Upstream's own expectations (<c>tflite-data/*/expect.json</c>, see the corpus MANIFEST): the
/// inputs and checks are read from the files; each check is the one the upstream test states.
/// </summary>
internal static partial class ExpectationCases
{
    public static IEnumerable<ConformanceCase> All(string corpus)
    {
        var data = Path.Combine(corpus, "tflite-data");
        var models = Path.Combine(corpus, "tflite");
        return [.. HelloWorld(data, models), .. MicroSpeech(data, models), .. MnistLstm(data, models), NetworkTester(data, models), PersonDetect(data, models)];
    }

    private static JsonElement Read(string data, string folder) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(data, folder, "expect.json"))).RootElement;

    private static IEnumerable<ConformanceCase> HelloWorld(string data, string models)
    {
        var expect = Read(data, "hello_world");
        var floats = expect.GetProperty("hello_world_float.tflite");
        yield return new ConformanceCase("expect/hello_world_float", new ModelSource(Path.Combine(models, "hello_world_float.tflite")), module =>
            [.. floats.GetProperty("inputs_float32").EnumerateArray().Select(x => x.GetSingle()).Select(x => new CaseRun(
                $"x={x}", Single(module, TensorData.FromSingles(module.Main.Inputs[0].Type, [x])), actual => Sine(x, Expected.Only(actual).ToSingles()[0])))]);

        var ints = expect.GetProperty("hello_world_int8.tflite");
        var xs = ints.GetProperty("corresponding_float_x").EnumerateArray().Select(x => x.GetDouble()).ToList();
        yield return new ConformanceCase("expect/hello_world_int8", new ModelSource(Path.Combine(models, "hello_world_int8.tflite")), module =>
        {
            var output = OutputType(module).Quantization!;
            return [.. ints.GetProperty("inputs_int8").EnumerateArray().Select((q, i) => new CaseRun(
                $"x_q={q.GetInt32()}",
                Single(module, TensorData.FromInt64s(module.Main.Inputs[0].Type, [q.GetInt32()])),
                actual => Sine(xs[i], (Expected.Only(actual).ToInt64s()[0] - output.ZeroPoint) * output.Scale)))];
        });
    }

    private static string? Sine(double x, double y) => Math.Abs(y - Math.Sin(x)) <= 0.05 ? null : $"|y - sin(x)| > 0.05: y={y:R}, sin({x})={Math.Sin(x):R}";

    private static IEnumerable<ConformanceCase> MicroSpeech(string data, string models)
    {
        var expect = Read(data, "micro_speech");
        var folder = Path.Combine(data, "micro_speech");
        var model = new ModelSource(Path.Combine(models, "micro_speech_quantized.tflite"));
        yield return new ConformanceCase("expect/micro_speech_labels", model, module =>
            [.. expect.GetProperty("tflm_label_cases").GetProperty("cases").EnumerateArray().Select(c =>
            {
                var label = int.Parse(ArgMaxCheck().Match(c.GetProperty("check").GetString()!).Groups[1].Value, CultureInfo.InvariantCulture);
                return new CaseRun(c.GetProperty("input").GetString()!, Single(module, File.ReadAllBytes(Path.Combine(folder, c.GetProperty("input").GetString()!))), actual => ArgMax(actual, label));
            })]);

        var numeric = expect.GetProperty("tvm_numeric_cases");
        var tolerance = numeric.GetProperty("tolerance_abs_int8").GetInt32();
        yield return new ConformanceCase("expect/micro_speech_scores", model, module =>
            [.. numeric.GetProperty("cases").EnumerateArray().Select(c =>
            {
                long[] want = [.. c.GetProperty("expected_int8").EnumerateArray().Select(v => v.GetInt64())];
                return new CaseRun(c.GetProperty("input").GetString()!, Single(module, File.ReadAllBytes(Path.Combine(folder, c.GetProperty("input").GetString()!))), actual =>
                {
                    var got = Expected.Only(actual).ToInt64s();
                    return got.Length == want.Length && got.Zip(want).All(p => Math.Abs(p.First - p.Second) <= tolerance)
                        ? null
                        : $"scores [{string.Join(", ", got)}], expected [{string.Join(", ", want)}] ±{tolerance}";
                });
            })]);

        // The audio front end: its first frame's 40 features, as upstream's test checks them.
        var features = expect.GetProperty("audio_preprocessor_int8_first_frame_features").GetProperty("expected_int8[40]");
        yield return new ConformanceCase("expect/audio_preprocessor_int8", new ModelSource(Path.Combine(models, "audio_preprocessor_int8.tflite")), module =>
            [.. features.EnumerateObject().Select(wav =>
            {
                long[] want = [.. wav.Value.EnumerateArray().Select(v => v.GetInt64())];
                var samples = Wave.FirstSamples(Path.Combine(folder, wav.Name), module.Main.Inputs[0].Type.ElementCount);
                return new CaseRun(wav.Name, Single(module, TensorData.FromInt64s(module.Main.Inputs[0].Type, samples)), actual =>
                    Expected.Only(actual).ToInt64s().SequenceEqual(want) ? null : $"features [{string.Join(", ", Expected.Only(actual).ToInt64s())}], expected [{string.Join(", ", want)}]");
            })]);
    }

    private static IEnumerable<ConformanceCase> MnistLstm(string data, string models)
    {
        var expect = Read(data, "mnist_lstm");
        var folder = Path.Combine(data, "mnist_lstm");
        var cases = expect.GetProperty("cases").EnumerateArray()
            .Select(c => (File: c.GetProperty("input").GetString()!, Digit: int.Parse(ArgMaxCheck().Match(c.GetProperty("check").GetString()!).Groups[1].Value, CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var name in expect.GetProperty("models").EnumerateArray().Select(m => m.GetString()!))
        {
            yield return new ConformanceCase($"expect/{Path.GetFileNameWithoutExtension(name)}", new ModelSource(Path.Combine(models, name)), module =>
                [.. cases.Select(c =>
                {
                    var pixels = File.ReadAllBytes(Path.Combine(folder, c.File));
                    var type = module.Main.Inputs[0].Type;
                    var input = type.ElementType == ElementType.F32
                        ? TensorData.FromSingles(type, [.. pixels.Select(p => p / 255.0f)])
                        : TensorData.FromInt64s(type, [.. pixels.Select(p => (long)(sbyte)(int)((p / 255.0f / type.Quantization!.Scale) + type.Quantization.ZeroPoint))]);
                    return new CaseRun(c.File, Single(module, input), actual => ArgMax(actual, c.Digit));
                })]);
        }
    }

    private static ConformanceCase NetworkTester(string data, string models)
    {
        var expect = Read(data, "network_tester");
        var folder = Path.Combine(data, "network_tester");
        return new ConformanceCase("expect/network_tester", new ModelSource(Path.Combine(models, expect.GetProperty("model").GetString()!)), module =>
        {
            var want = File.ReadAllBytes(Path.Combine(folder, expect.GetProperty("expected").GetString()!));
            return [new CaseRun(expect.GetProperty("input").GetString()!, Single(module, File.ReadAllBytes(Path.Combine(folder, expect.GetProperty("input").GetString()!))), actual =>
            {
                var got = Expected.Only(actual).Bytes.ToArray();
                var differing = Enumerable.Range(0, Math.Min(got.Length, want.Length)).Where(i => got[i] != want[i]).ToList();
                return got.Length == want.Length && differing.Count == 0
                    ? null
                    : $"{differing.Count} of {want.Length} bytes differ (got {got.Length}); first at {string.Join(", ", differing.Take(5).Select(i => $"[{i}] expected {(sbyte)want[i]}, got {(sbyte)got[i]}"))}";
            })];
        });
    }

    private static ConformanceCase PersonDetect(string data, string models)
    {
        var expect = Read(data, "person_detect");
        var folder = Path.Combine(data, "person_detect");
        return new ConformanceCase("expect/person_detect", new ModelSource(Path.Combine(models, expect.GetProperty("model").GetString()!)), module =>
            [.. expect.GetProperty("cases").EnumerateArray().Select(c =>
            {
                var check = IndexComparison().Match(c.GetProperty("check").GetString()!);
                var (greater, smaller) = (int.Parse(check.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(check.Groups[2].Value, CultureInfo.InvariantCulture));
                return new CaseRun(c.GetProperty("input").GetString()!, Single(module, File.ReadAllBytes(Path.Combine(folder, c.GetProperty("input").GetString()!))), actual =>
                {
                    var scores = Expected.Only(actual).ToInt64s();
                    return scores[greater] > scores[smaller] ? null : $"expected out[{greater}] > out[{smaller}]; scores [{string.Join(", ", scores)}]";
                });
            })]);
    }

    private static string? ArgMax(IReadOnlyDictionary<string, TensorData> actual, int expected)
    {
        var values = Expected.Values(Expected.Only(actual));
        var got = Expected.ArgMax(values);
        return got == expected ? null : $"argmax {got}, expected {expected}; outputs [{string.Join(", ", values)}]";
    }

    private static TensorType OutputType(Module module) => module.Main.Index.FindValue(module.Main.Outputs[0])!.Type;

    private static Dictionary<string, TensorData> Single(Module module, TensorData input) => new(StringComparer.Ordinal) { [module.Main.Inputs[0].Name] = input };

    private static Dictionary<string, TensorData> Single(Module module, byte[] raw) => Single(module, new TensorData(module.Main.Inputs[0].Type, raw));

    [GeneratedRegex(@"argmax == (\d+)")]
    private static partial Regex ArgMaxCheck();

    [GeneratedRegex(@"out\[(\d+)\] > out\[(\d+)\]")]
    private static partial Regex IndexComparison();
}
