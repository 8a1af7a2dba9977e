using MicroTvm.Frontend.Onnx;
using MicroTvm.Frontend.Onnx.Proto;
using MicroTvm.IR;
using MicroTvm.IR.Interpretation;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>
/// One ONNX backend node test of the corpus: import model.onnx (test inputs known, so shapes and
/// axes fed as inputs bind as constants), run the interpreter on test_data_set_0's inputs, and
/// compare with its outputs (floats rtol 1e-5 / atol 1e-6, integers exactly).
/// </summary>
internal sealed record OnnxNodeCase(string Name, string Op)
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;

    public OnnxCaseOutcome Run()
    {
        var directory = OnnxCorpus.Path("onnx-node", Name)!;
        var model = File.ReadAllBytes(System.IO.Path.Combine(directory, "model.onnx"));
        List<(string Name, TensorData Data)> inputs, expected;
        try
        {
            inputs = ReadTensors(directory, "input_");
            expected = ReadTensors(directory, "output_");
        }
        catch (OnnxImportException e)
        {
            // Test data the IR cannot hold (uint16 …): the model must be refused as clearly.
            var refused = OnnxImporter.Import(model, "model.onnx");
            return refused.Module is null
                ? new OnnxCaseOutcome(OnnxCaseStatus.Refused, string.Join("\n", refused.Diagnostics))
                : new OnnxCaseOutcome(OnnxCaseStatus.Invalid, $"imported, but its test data is unreadable: {e.Message}");
        }

        var result = OnnxImporter.Import(model, "model.onnx", new OnnxImportOptions(inputs.ToDictionary(p => p.Name, p => p.Data)));
        if (result.Module is not { } module)
        {
            return new OnnxCaseOutcome(OnnxCaseStatus.Refused, string.Join("\n", result.Diagnostics));
        }

        var verification = MicroTvm.IR.Verification.ModuleVerifier.Verify(module).Where(d => d.IsError).ToList();
        if (verification.Count > 0)
        {
            return new OnnxCaseOutcome(OnnxCaseStatus.Invalid, string.Join("\n", verification));
        }

        var bound = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var input in module.Main.Inputs)
        {
            var given = inputs.Single(i => i.Name == input.Name).Data;
            bound[input.Name] = new TensorData(input.Type, given.Bytes);
        }

        var run = Interpreter.Run(module, bound);
        if (!run.Succeeded)
        {
            return new OnnxCaseOutcome(OnnxCaseStatus.InterpreterFailed, string.Join("\n", run.Diagnostics));
        }

        var problems = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var name = module.Main.Outputs[i];
            if (Compare(expected[i].Data, run.Outputs[name]) is { } problem)
            {
                problems.Add($"output '{name}': {problem}");
            }
        }

        return problems.Count == 0
            ? new OnnxCaseOutcome(OnnxCaseStatus.Passed, string.Empty)
            : new OnnxCaseOutcome(OnnxCaseStatus.Mismatch, string.Join("\n", problems));
    }

    private static List<(string Name, TensorData Data)> ReadTensors(string directory, string prefix)
    {
        var files = Directory.GetFiles(System.IO.Path.Combine(directory, "test_data_set_0"), prefix + "*.pb")
            .OrderBy(f => int.Parse(System.IO.Path.GetFileNameWithoutExtension(f)[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
        return [.. files.Select(f =>
        {
            var tensor = TensorProto.Parser.ParseFrom(File.ReadAllBytes(f));
            return (tensor.Name, OnnxTensors.Read(tensor, f));
        })];
    }

    private static string? Compare(TensorData expected, TensorData actual)
    {
        if (!expected.Type.Shape.SequenceEqual(actual.Type.Shape) || expected.Type.ElementType != actual.Type.ElementType)
        {
            return $"expected {expected.Type}, got {actual.Type}";
        }

        for (long i = 0; i < expected.Type.ElementCount; i++)
        {
            if (expected.Type.ElementType == ElementType.F32)
            {
                double e = expected.GetSingle(i), a = actual.GetSingle(i);
                var same = (double.IsNaN(e) && double.IsNaN(a)) || e == a || Math.Abs(e - a) <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(e));
                if (!same)
                {
                    return $"element {i}: expected {e:R}, got {a:R}";
                }
            }
            else if (expected.GetInt64(i) != actual.GetInt64(i))
            {
                return $"element {i}: expected {expected.GetInt64(i)}, got {actual.GetInt64(i)}";
            }
        }

        return null;
    }
}
