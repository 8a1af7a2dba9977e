using MicroTvm.Frontend.TFLite.Samples;
using MicroTvm.IR.Text;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>
/// samples/tiny_cnn.tflite is exactly what the builder writes, samples/tiny_cnn.mir is exactly its
/// printed import (MTVM_TEST_BLESS=1 rewrites both), and it imports as the documented network.
/// </summary>
public sealed class SampleModelTests
{
    private static readonly string SamplePath = Path.Combine(TestPaths.RepoRoot, "samples", "tiny_cnn.tflite");
    private static readonly string TextTwinPath = Path.Combine(TestPaths.RepoRoot, "samples", "tiny_cnn.mir");
    private const string TextTwinHeader = "// The sample int8 CNN: samples/tiny_cnn.tflite as imported (kept equal by SampleModelTests).\n";

    [Fact]
    public void CommittedSampleEqualsTheBuilderOutput()
    {
        var built = TinyCnnSample.Build();
        if (Environment.GetEnvironmentVariable("MTVM_TEST_BLESS") == "1")
        {
            File.WriteAllBytes(SamplePath, built);
        }

        Assert.True(File.Exists(SamplePath), $"{SamplePath} is missing; run the tests with MTVM_TEST_BLESS=1 to write it");
        var committed = File.ReadAllBytes(SamplePath);
        var firstDifference = Enumerable.Range(0, Math.Min(built.Length, committed.Length)).FirstOrDefault(i => built[i] != committed[i], -1);
        Assert.True(
            built.AsSpan().SequenceEqual(committed),
            $"{SamplePath} ({committed.Length} bytes) differs from the builder's output ({built.Length} bytes) at byte {firstDifference}; rerun with MTVM_TEST_BLESS=1 if the change is intended");
    }

    [Fact]
    public void CommittedTextTwinIsThePrintedImport()
    {
        var module = Imports.ImportAndVerify(TinyCnnSample.Build(), "tiny_cnn.tflite");
        var expected = TextTwinHeader + ModulePrinter.Print(module);
        if (Environment.GetEnvironmentVariable("MTVM_TEST_BLESS") == "1")
        {
            File.WriteAllText(TextTwinPath, expected);
        }

        Assert.True(File.Exists(TextTwinPath), $"{TextTwinPath} is missing; run the tests with MTVM_TEST_BLESS=1 to write it");
        Assert.Equal(expected, File.ReadAllText(TextTwinPath));
    }

    [Fact]
    public void BuildIsDeterministic() => Assert.Equal(TinyCnnSample.Build(), TinyCnnSample.Build());

    [Fact]
    public void SampleImportsAsTheDocumentedNetwork()
    {
        var module = Imports.ImportAndVerify(TinyCnnSample.Build(), "tiny_cnn.tflite");
        var ops = module.Main.Nodes.Where(n => n.Op.Name != "constant").Select(n => n.Op.Name);
        Assert.Equal<string>(["conv", "depthwise_conv", "max_pool", "conv", "mean", "fully_connected", "softmax"], ops.ToArray());
        Assert.Equal("input", Assert.Single(module.Main.Inputs).Name);
        Assert.Equal<string>(["output"], module.Main.Outputs.ToArray());
        var filter = module.Main.Index.FindValue("conv1/weights")!.Type;
        Assert.Equal(8, filter.Quantization!.Scales.Length);
        Assert.Equal(0, filter.Quantization.Axis);
        var conv1 = module.Main.Nodes.First(n => n.Op.Name == "conv");
        Assert.Equal([1L, 1, 1, 1], Nodes.Ints(conv1, "pads"));
        Assert.Equal("relu", conv1.GetString("activation"));
    }
}
