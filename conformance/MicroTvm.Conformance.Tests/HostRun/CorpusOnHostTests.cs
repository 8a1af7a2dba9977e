using MicroTvm.Driver;
using MicroTvm.Frontend.TFLite;
using MicroTvm.IR;
using MicroTvm.IR.IO;
using MicroTvm.IR.Testing;
using MicroTvm.Conformance.Tests.GraphPipeline;
using Xunit.Abstractions;

namespace MicroTvm.Conformance.Tests.HostRun;

/// <summary>
/// Issue 7's end-to-end check on real models: every corpus TFLite model (the audio front ends,
/// made of custom ops, aside) and the project's sample go through <c>mtvm-opt run --board host</c>
/// — the default pipeline, the C backend, the Model Library Format, the host firmware template
/// built with gcc and the C runtime — and must reproduce <c>run --board interpreter</c> on random
/// inputs: integers bit for bit, floats within <see cref="FloatTolerance.Reference"/>; once
/// plainly and once under AddressSanitizer and UndefinedBehaviorSanitizer.
/// </summary>
public sealed class CorpusOnHostTests(ITestOutputHelper output) : IDisposable
{
    private const string Sanitizers = "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer";

    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-host-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [CorpusFact]
    public void EveryCorpusModelMatchesTheInterpreterOnTheHost() => RunAll(sanitize: false);

    [CorpusFact]
    public void EveryCorpusModelRunsCleanUnderSanitizers() => RunAll(sanitize: true);

    [Fact]
    public void TheSampleModelMatchesTheInterpreterOnTheHost() => Run(ModelPaths.TinyCnn, seed: 7, sanitize: true);

    private void RunAll(bool sanitize)
    {
        var models = Directory.GetFiles(ModelPaths.CorpusTflite!, "*.tflite")
            .Where(path => !Path.GetFileName(path).StartsWith("audio_preprocessor_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(models);
        foreach (var model in models)
        {
            Run(model, seed: 11, sanitize);
        }
    }

    private void Run(string model, int seed, bool sanitize)
    {
        var name = Path.GetFileNameWithoutExtension(model);
        var imported = TfliteImporter.Import(File.ReadAllBytes(model), Path.GetFileName(model));
        Assert.True(imported.Module is not null, string.Join("\n", imported.Diagnostics));
        var inputs = Path.Combine(_directory, $"{name}.in.npz");
        using (var stream = File.Create(inputs))
        {
            NpzArchive.Write(stream, RandomTensors.ForInputs(imported.Module.Main, seed));
        }

        var expected = Path.Combine(_directory, $"{name}.interpreter.npz");
        var actual = Path.Combine(_directory, $"{name}.host.npz");
        Tool("run", model, "--board", "interpreter", "--inputs", inputs, "--outputs", expected);
        var flags = sanitize ? new[] { "--firmware-cflags", Sanitizers } : [];
        var summary = Tool(["run", model, "--board", "host", "--inputs", inputs, "--outputs", actual, .. flags]);
        var difference = OutputComparison.Describe(Read(expected), Read(actual), FloatTolerance.Reference);
        Assert.True(difference is null, $"{name} (seed {seed}, sanitizers {sanitize}):\n{difference}");
        output.WriteLine(summary.Trim());
    }

    private static string Tool(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = MtvmOpt.Run(args, DriverConfiguration.Default, stdout, stderr);
        Assert.True(exit == ExitCodes.Success, $"mtvm-opt {string.Join(' ', args)} exited with {exit}:\n{stderr}");
        return stdout.ToString();
    }

    private static IReadOnlyDictionary<string, TensorData> Read(string path)
    {
        using var stream = File.OpenRead(path);
        var diagnostics = new DiagnosticBag();
        var tensors = NpzArchive.Read(stream, path, diagnostics);
        Assert.True(tensors is not null, string.Join("\n", diagnostics.Items));
        return tensors;
    }
}
