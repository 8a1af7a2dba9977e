using MicroTvm.IR;
using static MicroTvm.Frontend.Tests.Onnx.OnnxModelBuilder;
using DataType = MicroTvm.Frontend.Onnx.Proto.TensorProto.Types.DataType;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>Float op importers on builder models, checked through the interpreter against hand-computed values.</summary>
public sealed class OnnxFloatOpTests
{
    [Fact]
    public void Conv_with_constant_nchw_weights_imports_as_nhwc_conv_between_transposes()
    {
        // 1x2x2x2 input, 3 output channels of 1x1 filters: y[o] = sum_c w[o, c]·x[c] + b[o].
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 1, 2, 2, 2)
            .Floats("w", [1, 0, 0, 1, 1, 1], 3, 2, 1, 1)
            .Floats("b", [0, 0, 10], 3)
            .Node("Conv", ["x", "w", "b"], ["y"])
            .Output("y", DataType.Float, 1, 3, 2, 2);
        var module = OnnxTestRun.Import(builder);
        Assert.Equal([1, 2, 2, 2], module.Main.Inputs[0].Type.Shape.ToArray());
        Assert.Equal("y", module.Main.Outputs[0]);
        var filter = module.Main.Nodes.Single(n => n.Op == Ops.Constant && n.Result.Type.Rank == 4);
        Assert.Equal([3, 1, 1, 2], filter.Result.Type.Shape.ToArray());
        Assert.Equal(2, module.Main.Nodes.Count(n => n.Op == Ops.Transpose));

        float[] x = [1, 2, 3, 4, 10, 20, 30, 40];
        var y = OnnxTestRun.RunFloat(builder, ("x", x));
        OnnxTestRun.AssertClose([1, 2, 3, 4, 10, 20, 30, 40, 21, 32, 43, 54], y);
    }

    [Fact]
    public void Conv_with_one_input_channel_per_group_imports_as_depthwise_conv()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 1, 2, 3, 3)
            .Floats("w", [.. Enumerable.Repeat(1f, 9), .. Enumerable.Repeat(2f, 9)], 2, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], Attr("group", 2L), Attr("pads", 1, 1, 1, 1))
            .Output("y", DataType.Float, 1, 2, 3, 3);
        var module = OnnxTestRun.Import(builder);
        Assert.Contains(module.Main.Nodes, n => n.Op == Ops.DepthwiseConv);
        var y = OnnxTestRun.RunFloat(builder, ("x", [.. Enumerable.Repeat(1f, 18)]));
        OnnxTestRun.AssertClose([4, 6, 4, 6, 9, 6, 4, 6, 4, 8, 12, 8, 12, 18, 12, 8, 12, 8], y);
    }

    [Fact]
    public void Gemm_folds_transposes_alpha_and_beta_into_a_fully_connected()
    {
        var builder = new OnnxModelBuilder()
            .Input("a", DataType.Float, 1, 2)
            .Floats("b", [1, 2, 3, 4, 5, 6], 2, 3)
            .Floats("c", [1, 1, 1], 3)
            .Node("Gemm", ["a", "b", "c"], ["y"], Attr("alpha", 2f), Attr("beta", 3f))
            .Output("y", DataType.Float, 1, 3);
        var module = OnnxTestRun.Import(builder);
        Assert.Single(module.Main.Nodes, n => n.Op == Ops.FullyConnected);
        OnnxTestRun.AssertClose([21, 27, 33], OnnxTestRun.RunFloat(builder, ("a", [1, 2])));
    }

    [Fact]
    public void Reshape_resolves_zero_and_minus_one()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 2, 3, 4)
            .Int64s("shape", [0, -1], 2)
            .Node("Reshape", ["x", "shape"], ["y"])
            .Output("y");
        var module = OnnxTestRun.Import(builder);
        Assert.Equal([2, 12], module.Main.Nodes.Single(n => n.Op == Ops.Reshape).Result.Type.Shape.ToArray());
    }

    [Fact]
    public void Softmax_before_opset_13_normalises_the_input_coerced_to_two_dimensions()
    {
        var builder = new OnnxModelBuilder(opset: 11)
            .Input("x", DataType.Float, 1, 2, 2)
            .Node("Softmax", ["x"], ["y"])
            .Output("y", DataType.Float, 1, 2, 2);
        var y = OnnxTestRun.RunFloat(builder, ("x", [0, 0, 0, 0]));
        OnnxTestRun.AssertClose([0.25f, 0.25f, 0.25f, 0.25f], y);
    }

    [Fact]
    public void Identity_output_keeps_the_model_output_name()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 2)
            .Node("Identity", ["x"], ["y"])
            .Output("y", DataType.Float, 2);
        var module = OnnxTestRun.Import(builder);
        Assert.Equal(["y"], module.Main.Outputs.ToArray());
        OnnxTestRun.AssertClose([3, 4], OnnxTestRun.RunFloat(builder, ("x", [3, 4])));
    }

    [Theory]
    [InlineData("Relu", new float[] { -1, 2 }, new float[] { 0, 2 })]
    [InlineData("Neg", new float[] { -1, 2 }, new float[] { 1, -2 })]
    [InlineData("Abs", new float[] { -1, 2 }, new float[] { 1, 2 })]
    [InlineData("Reciprocal", new float[] { 4, 2 }, new float[] { 0.25f, 0.5f })]
    [InlineData("Sqrt", new float[] { 4, 9 }, new float[] { 2, 3 })]
    [InlineData("HardSigmoid", new float[] { 0, 10 }, new float[] { 0.5f, 1 })]
    [InlineData("LeakyRelu", new float[] { -100, 1 }, new float[] { -1, 1 })]
    public void Unary_ops_compute_their_onnx_definition(string op, float[] input, float[] expected)
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, input.Length)
            .Node(op, ["x"], ["y"])
            .Output("y", DataType.Float, input.Length);
        OnnxTestRun.AssertClose(expected, OnnxTestRun.RunFloat(builder, ("x", input)));
    }

    [Fact]
    public void Max_pool_with_same_upper_padding_keeps_the_extent()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 1, 1, 2, 2)
            .Node("MaxPool", ["x"], ["y"], Attr("kernel_shape", 2, 2), Attr("auto_pad", "SAME_UPPER"))
            .Output("y", DataType.Float, 1, 1, 2, 2);
        OnnxTestRun.AssertClose([4, 4, 4, 4], OnnxTestRun.RunFloat(builder, ("x", [1, 2, 3, 4])));
    }

    [Fact]
    public void Known_input_values_bind_shape_operands_and_leave_the_graph()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", DataType.Float, 2, 3)
            .Input("shape", DataType.Int64, 1)
            .Node("Reshape", ["x", "shape"], ["y"])
            .Output("y");
        var shape = TensorData.FromInt64s(new TensorType(ElementType.I64, [1]), [6]);
        var result = MicroTvm.Frontend.Onnx.OnnxImporter.Import(builder.ToBytes(), "test.onnx", new(new Dictionary<string, TensorData> { ["shape"] = shape }));
        Assert.NotNull(result.Module);
        Assert.Equal(["x"], result.Module!.Main.Inputs.Select(i => i.Name));
    }
}
