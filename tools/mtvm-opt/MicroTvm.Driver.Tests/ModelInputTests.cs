using MicroTvm.IR.Testing;

namespace MicroTvm.Driver.Tests;

/// <summary>TFLite and ONNX models enter mtvm-opt like .mir files do, and --supported-ops reports on them before any compile.</summary>
public sealed class ModelInputTests : IDisposable
{
    private static readonly string SampleTflite = Path.Combine(TestPaths.RepoRoot, "samples", "tiny_cnn.tflite");
    private static readonly string SampleText = Path.Combine(TestPaths.RepoRoot, "samples", "tiny_cnn.mir");
    // Corpus tests do their work only where the shared corpus exists (CI always has it).
    private static readonly string Corpus = TestEnvironment.Corpus ?? Path.Combine(TestPaths.RepoRoot, "no-corpus");

    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-opt-models-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ATfliteModelImportsToItsTextTwin()
    {
        var (exit, output, error) = Tool.RunDefault(SampleTflite);
        Assert.True(exit == ExitCodes.Success, error);
        var twin = File.ReadAllText(SampleText);
        Assert.Equal(twin[(twin.IndexOf('\n') + 1)..], output);
    }

    [Fact]
    public void SupportedOpsListsEveryOperatorOfASupportedModel()
    {
        var (exit, output, error) = Tool.RunDefault("--supported-ops", SampleTflite);
        Assert.True(exit == ExitCodes.Success, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.All(lines, line => Assert.EndsWith(": supported", line));
        Assert.StartsWith("0: CONV_2D", lines[0]);
    }

    [Fact]
    public void ACorruptModelIsADiagnosticAndExitOne()
    {
        var bytes = File.ReadAllBytes(SampleTflite);
        var truncated = Path.Combine(_directory, "truncated.tflite");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 3)]);
        foreach (var arguments in new[] { new[] { truncated }, ["--supported-ops", truncated] })
        {
            var (exit, _, error) = Tool.RunDefault(arguments);
            Assert.Equal(ExitCodes.CompileError, exit);
            Assert.Contains("error:", error);
            Assert.Contains("[MTVM3", error);
        }
    }

    [Fact]
    public void AnUnknownExtensionIsAUsageError()
    {
        var path = Path.Combine(_directory, "model.pb");
        File.WriteAllBytes(path, [1, 2, 3]);
        var (exit, _, error) = Tool.RunDefault(path);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(".mir, .tflite, .onnx", error);
    }

    [Fact]
    public void SupportedOpsListsEveryCustomOpOfARefusedCorpusModel()
    {
        var model = Path.Combine(Corpus, "tflite", "audio_preprocessor_int8.tflite");
        if (!File.Exists(model))
        {
            return;
        }

        var (exit, output, _) = Tool.RunDefault("--supported-ops", model);
        Assert.Equal(ExitCodes.CompileError, exit);
        var unsupported = output.Split('\n').Where(line => line.Contains("unsupported")).ToArray();
        Assert.True(unsupported.Length >= 2, output);
        Assert.All(unsupported, line => Assert.Contains("CUSTOM(", line));
    }

    [Fact]
    public void AnOnnxCorpusModelImportsAndVerifies()
    {
        var model = Path.Combine(Corpus, "onnx-models", "mnist-8", "model.onnx");
        if (!File.Exists(model))
        {
            return;
        }

        var (exit, output, error) = Tool.RunDefault("--verify", model);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Empty(output);
        var (supportedExit, report, _) = Tool.RunDefault("--supported-ops", model);
        Assert.Equal(ExitCodes.Success, supportedExit);
        Assert.Contains("Conv", report);
    }
}
