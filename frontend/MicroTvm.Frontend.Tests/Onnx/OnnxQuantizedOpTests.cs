using MicroTvm.IR;
using MicroTvm.IR.Interpretation;
using static MicroTvm.Frontend.Tests.Onnx.OnnxModelBuilder;
using DataType = MicroTvm.Frontend.Onnx.Proto.TensorProto.Types.DataType;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>QDQ and QLinear models: quantization moves from the ops onto the IR tensor types.</summary>
public sealed class OnnxQuantizedOpTests
{
    [Fact]
    public void Qdq_weights_become_a_per_axis_quantized_constant_and_a_dequantize()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 1, 2, 1, 1)
            .Initializer(ByteTensor("wq", DataType.Int8, [2, 0, 0, 4], 2, 2, 1, 1))
            .Floats("ws", [0.5f, 0.25f], 2)
            .Initializer(ByteTensor("wz", DataType.Int8, [0, 0], 2))
            .Node("DequantizeLinear", ["wq", "ws", "wz"], ["w"], Attr("axis", 0L))
            .Node("Conv", ["x", "w"], ["y"])
            .Output("y", DataType.Float, 1, 2, 1, 1);
        var module = OnnxTestRun.Import(builder);
        var weights = module.Main.Nodes.Single(n => n.Op == Ops.Constant && n.Result.Type.ElementType == ElementType.I8).Result.Type;
        Assert.Equal(0, weights.Quantization!.Axis);
        Assert.Equal([0.5f, 0.25f], weights.Quantization.Scales.ToArray());
        OnnxTestRun.AssertClose([3, 5], OnnxTestRun.RunFloat(builder, ("x", [3, 5])));
    }

    [Fact]
    public void Quantize_linear_rounds_half_to_even()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 4)
            .Floats("s", [1f])
            .Initializer(ByteTensor("z", DataType.Uint8, [10]))
            .Node("QuantizeLinear", ["x", "s", "z"], ["y"])
            .Output("y", DataType.Uint8, 4);
        var module = OnnxTestRun.Import(builder);
        var quantize = module.Main.Nodes.Single(n => n.Op == Ops.Quantize);
        Assert.Equal(Quantization.PerTensor(1f, 10), quantize.Result.Type.Quantization);
        var run = Interpreter.Run(module, new Dictionary<string, TensorData> { ["x"] = TensorData.FromSingles(module.Main.Inputs[0].Type, [0.5f, 1.5f, 2.5f, -0.5f]) });
        Assert.True(run.Succeeded, string.Join("\n", run.Diagnostics));
        Assert.Equal([10L, 12, 12, 10], run.Outputs["y"].ToInt64s());
    }

    [Fact]
    public void Conflicting_quantizations_of_one_tensor_are_refused()
    {
        var builder = new OnnxModelBuilder()
            .Input("q", DataType.Uint8, 2)
            .Floats("s1", [1f])
            .Floats("s2", [2f])
            .Node("DequantizeLinear", ["q", "s1"], ["a"])
            .Node("DequantizeLinear", ["q", "s2"], ["b"])
            .Node("Add", ["a", "b"], ["y"])
            .Output("y");
        Assert.Contains(OnnxTestRun.Refuse(builder.ToBytes()), d => d.Id == MicroTvm.Frontend.Onnx.OnnxDiagnosticIds.QuantizationConflict && d.Message.Contains("'q'"));
    }
}
