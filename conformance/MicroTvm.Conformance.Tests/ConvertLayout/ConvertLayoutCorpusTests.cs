using MicroTvm.Frontend.Onnx;
using MicroTvm.IR;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Verification;
using MicroTvm.Passes;
using Xunit.Abstractions;

namespace MicroTvm.Conformance.Tests.ConvertLayout;

/// <summary>
/// convert-layout on the imported ONNX corpus (where the shared corpus is
/// present): the verifier accepts the result, the interpreter computes the same outputs on random
/// inputs, and every transpose left reads a graph input or writes a graph output. The transposes
/// before and after are written to the test output.
/// </summary>
public sealed class ConvertLayoutCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] NodeTests =
    [
        "test_basic_conv_with_padding", "test_conv_with_strides_and_asymmetric_padding", "test_averagepool_2d_pads",
        "test_averagepool_2d_strides", "test_maxpool_2d_pads", "test_maxpool_2d_strides", "test_globalaveragepool",
        "test_globalmaxpool", "test_batchnorm_example", "test_convtranspose", "test_averagepool_1d_default",
    ];

    public static TheoryData<string> Models() =>
        [.. new[] { "onnx-models/mnist-8/model.onnx", "onnx-light/light_squeezenet.onnx", "onnx-light/light_shufflenet.onnx" }
            .Concat(NodeTests.Select(t => $"onnx-node/{t}/model.onnx"))];

    [Theory]
    [MemberData(nameof(Models))]
    public void LeavesOnlyInterfaceTransposesAndPreservesOutputs(string model)
    {
        if (TestEnvironment.CorpusPath(model) is not { } path)
        {
            output.WriteLine($"skipped: this machine has no model corpus");
            return;
        }

        var imported = OnnxImporter.Import(File.ReadAllBytes(path), Path.GetFileName(path));
        Assert.True(imported.Module is not null, string.Join("\n", imported.Diagnostics));
        var pass = new ConvertLayoutPass();
        var converted = pass.Run(imported.Module, new PassContext());
        Assert.Empty(ModuleVerifier.Verify(converted));

        var graph = converted.Main;
        var inputs = graph.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inner = graph.Nodes
            .Where(n => ReferenceEquals(n.Op, Ops.Transpose) && !inputs.Contains(n.Operands[0]) && !graph.Outputs.Contains(n.Result.Name))
            .Select(n => n.Result.Name)
            .ToList();
        output.WriteLine($"{model}: transposes {pass.NumTransposesBefore.Value} -> {pass.NumTransposesAfter.Value}, "
            + $"constants re-laid out {pass.NumConstantsRelaid.Value}, inner transposes [{string.Join(", ", inner)}]");
        Assert.True(pass.NumTransposesAfter.Value <= pass.NumTransposesBefore.Value);
        if (!model.Contains("shufflenet", StringComparison.Ordinal))
        {
            // ShuffleNet's channel shuffle (reshape, transpose, reshape) is a layout barrier.
            Assert.True(inner.Count == 0, $"inner transposes remain:\n{MicroTvm.IR.Text.ModulePrinter.Print(converted)}");
        }

        var random = new Random(7);
        var feeds = imported.Module.Main.Inputs.ToDictionary(i => i.Name, i => RandomInput(i.Type, random), StringComparer.Ordinal);
        var expected = Interpreter.Run(imported.Module, feeds);
        var actual = Interpreter.Run(converted, feeds);
        Assert.True(expected.Succeeded && actual.Succeeded, string.Join("\n", expected.Diagnostics.Concat(actual.Diagnostics)));
        foreach (var (name, want) in expected.Outputs)
        {
            var got = actual.Outputs[name];
            Assert.Equal(want.Type, got.Type);
            for (long i = 0; i < want.Type.ElementCount; i++)
            {
                var (e, a) = want.Type.ElementType == ElementType.F32 ? (want.GetSingle(i), got.GetSingle(i)) : (want.GetInt64(i), got.GetInt64(i));
                Assert.True((double.IsNaN(e) && double.IsNaN(a)) || Math.Abs(a - e) <= 1e-4 + (1e-4 * Math.Abs(e)), $"'{name}'[{i}]: expected {e}, got {a}");
            }
        }
    }

    private static TensorData RandomInput(TensorType type, Random random) =>
        type.ElementType == ElementType.F32
            ? TensorData.FromSingles(type, [.. Enumerable.Range(0, (int)type.ElementCount).Select(_ => (float)((random.NextDouble() * 2) - 1))])
            : TensorData.FromInt64s(type, [.. Enumerable.Range(0, (int)type.ElementCount).Select(_ => (long)random.Next(0, 100))]);
}
