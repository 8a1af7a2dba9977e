using BenchmarkDotNet.Attributes;
using MicroTvm.Frontend.TFLite;
using MicroTvm.IR;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.Text;
using MicroTvm.IR.Verification;

namespace MicroTvm.Benchmarks;

/// <summary>What every compile pays before the passes: import, verify, print and parse the IR, and the oracle's speed.</summary>
[MemoryDiagnoser]
public class FrontEndBenchmarks
{
    private byte[] _tflite = [];
    private Module _module = null!;
    private string _text = string.Empty;
    private Dictionary<string, TensorData> _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        _tflite = SampleModels.TinyCnnTflite;
        _module = TfliteImporter.Import(_tflite, "tiny_cnn.tflite").Module
            ?? throw new InvalidOperationException("the sample model does not import");
        _text = ModulePrinter.Print(_module);
        var input = _module.Main.Inputs[0];
        _inputs = new Dictionary<string, TensorData>
        {
            [input.Name] = TensorData.FromInt64s(input.Type, new long[input.Type.ElementCount]),
        };
    }

    [Benchmark]
    public Module? ImportTflite() => TfliteImporter.Import(_tflite, "tiny_cnn.tflite").Module;

    [Benchmark]
    public int Verify() => ModuleVerifier.Verify(_module).Length;

    [Benchmark]
    public string Print() => ModulePrinter.Print(_module);

    [Benchmark]
    public Module? Parse() => ModuleParser.Parse(_text, "tiny_cnn.mir").Module;

    [Benchmark]
    public int Interpret() => Interpreter.Run(_module, _inputs).Outputs.Count;
}
