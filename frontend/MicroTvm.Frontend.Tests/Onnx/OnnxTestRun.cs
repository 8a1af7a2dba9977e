using System.Collections.Immutable;
using MicroTvm.Frontend.Onnx;
using MicroTvm.IR;
using MicroTvm.IR.Interpretation;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>Import a builder model and run it on the interpreter.</summary>
internal static class OnnxTestRun
{
    public static Module Import(OnnxModelBuilder builder)
    {
        var result = OnnxImporter.Import(builder.ToBytes(), "test.onnx");
        Assert.True(result.Module is not null, "import failed:\n" + string.Join("\n", result.Diagnostics));
        return result.Module!;
    }

    public static float[] RunFloat(OnnxModelBuilder builder, params (string Name, float[] Values)[] inputs)
    {
        var module = Import(builder);
        var bound = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var (name, values) in inputs)
        {
            var type = module.Main.Inputs.Single(i => i.Name == name).Type;
            bound[name] = TensorData.FromSingles(type, values);
        }

        var run = Interpreter.Run(module, bound);
        Assert.True(run.Succeeded, "interpreter failed:\n" + string.Join("\n", run.Diagnostics));
        return run.Outputs[module.Main.Outputs[0]].ToSingles();
    }

    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.True(expected.Length == actual.Length, $"expected {expected.Length} values, got {actual.Length}: [{string.Join(", ", actual)}]");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}\nall: [{string.Join(", ", actual)}]");
        }
    }

    public static ImmutableArray<Diagnostic> Refuse(byte[] bytes, OnnxImportOptions? options = null)
    {
        var result = OnnxImporter.Import(bytes, "test.onnx", options);
        Assert.True(result.Module is null, "the import should have failed");
        Assert.Contains(result.Diagnostics, d => d.IsError);
        return result.Diagnostics;
    }
}
