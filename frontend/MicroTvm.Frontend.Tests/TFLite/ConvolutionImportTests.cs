using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;

namespace MicroTvm.Frontend.Tests.TFLite;

public sealed class ConvolutionImportTests
{
    [Fact]
    public void Conv2DSameStride2PadsLikeTflite()
    {
        // in 7, kernel 3, stride 2: out 4, total pad (4-1)·2+3-7 = 2 → 1 before, 1 after; width 8: total 1 → 0 before, 1 after.
        var m = new OpModel();
        var x = m.Input("x", [1, 7, 8, 2]);
        var w = m.Floats("w", [4, 3, 3, 2]);
        var b = m.Floats("b", [4]);
        var y = m.Output("y", [1, 4, 4, 4]);
        var node = Nodes.Single(m.Op(BuiltinOperator.CONV_2D, [x, w, b], [y], TfliteOptions.Conv2D(TflitePadding.Same, 2, 2, TfliteActivation.Relu6)).Import(), "conv");
        Assert.Equal([2L, 2], Nodes.Ints(node, "strides"));
        Assert.Equal([1L, 0, 1, 1], Nodes.Ints(node, "pads"));
        Assert.Equal("relu6", node.GetString("activation"));
        Assert.Equal<string>(["x", "w", "b"], node.Operands.ToArray());
    }

    [Fact]
    public void Conv2DWithoutBiasAndDilation()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 9, 9, 1]);
        var w = m.Floats("w", [2, 3, 3, 1]);
        var y = m.Output("y", [1, 5, 5, 2]);
        var node = Nodes.Single(m.Op(BuiltinOperator.CONV_2D, [x, w, -1], [y], TfliteOptions.Conv2D(TflitePadding.Valid, 1, 1, dilationH: 2, dilationW: 2)).Import(), "conv");
        Assert.Equal(2, node.Operands.Length);
        Assert.Equal([2L, 2], Nodes.Ints(node, "dilations"));
        Assert.Equal([0L, 0, 0, 0], Nodes.Ints(node, "pads"));
    }

    [Fact]
    public void GroupedConvGetsGroups()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4, 4, 4]);
        var w = m.Floats("w", [4, 1, 1, 2]);
        var y = m.Output("y", [1, 4, 4, 4]);
        Assert.Equal(2, Nodes.Single(m.Op(BuiltinOperator.CONV_2D, [x, w], [y], TfliteOptions.Conv2D(TflitePadding.Valid, 1, 1)).Import(), "conv").GetInt("groups"));
    }

    [Fact]
    public void DepthwiseMultiplierComesFromTheFilter()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 5, 5, 2]);
        var w = m.Floats("w", [1, 3, 3, 6]);
        var y = m.Output("y", [1, 5, 5, 6]);

        // A stored multiplier of 1 is ignored, as newer TFLite kernels ignore it.
        var node = Nodes.Single(m.Op(BuiltinOperator.DEPTHWISE_CONV_2D, [x, w], [y], TfliteOptions.DepthwiseConv2D(TflitePadding.Same, 1, 1, 1)).Import(), "depthwise_conv");
        Assert.Equal(3, node.GetInt("depth_multiplier"));
        Assert.Equal([1L, 1, 1, 1], Nodes.Ints(node, "pads"));
    }

    [Fact]
    public void PerChannelInt8ConvKeepsQuantization()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4, 4, 3], TfliteElementType.Int8, TfliteQuantization.PerTensor(0.5f, 1));
        var w = m.Builder.AddConstant("w", TfliteElementType.Int8, [2, 1, 1, 3], [1, 2, 3, 4, 5, 6], TfliteQuantization.PerChannel([0.1f, 0.2f], [0, 0], 0));
        var b = m.Builder.AddConstant("b", TfliteElementType.Int32, [2], new byte[8], TfliteQuantization.PerChannel([0.05f, 0.1f], [0, 0], 0));
        var y = m.Output("y", [1, 4, 4, 2], TfliteElementType.Int8, TfliteQuantization.PerTensor(0.25f, -3));
        var module = m.Op(BuiltinOperator.CONV_2D, [x, w, b], [y], TfliteOptions.Conv2D(TflitePadding.Valid, 1, 1)).Import();
        var filter = module.Main.Index.FindValue("w")!.Type.Quantization!;
        Assert.Equal([0.1f, 0.2f], filter.Scales.ToArray());
        Assert.Equal(0, filter.Axis);
        var output = module.Main.Index.FindValue("y")!.Type.Quantization!;
        Assert.Equal((0.25f, -3L), (output.Scale, output.ZeroPoint));
    }

    [Fact]
    public void TransposeConvReordersOperandsAndMatchesTheOutputShape()
    {
        var m = new OpModel();
        var shape = m.Ints("shape", 1, 8, 8, 3);
        var w = m.Floats("w", [3, 3, 3, 2]);
        var x = m.Input("x", [1, 4, 4, 2]);
        var y = m.Output("y", [1, 8, 8, 3]);
        var node = Nodes.Single(m.Op(BuiltinOperator.TRANSPOSE_CONV, [shape, w, x], [y], TfliteOptions.TransposeConv(TflitePadding.Same, 2, 2)).Import(), "conv_transpose");
        Assert.Equal<string>(["x", "w"], node.Operands.ToArray());

        // (4-1)·2 + 3 = 9 = 8 + pads: SAME gives 0 before (total 1), so 1 after.
        Assert.Equal([0L, 0, 1, 1], Nodes.Ints(node, "pads"));
    }

    [Fact]
    public void Conv3DTransposesTheFilterToOdhwi()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 4, 4, 4, 2]);
        var w = m.Floats("w", [3, 3, 3, 2, 5]);
        var y = m.Output("y", [1, 2, 2, 2, 5]);
        var module = m.Op(BuiltinOperator.CONV_3D, [x, w], [y], TfliteOptions.Conv3D(TflitePadding.Valid, 1, 1, 1)).Import();
        var transpose = Nodes.Single(module, "transpose");
        Assert.Equal([4L, 0, 1, 2, 3], Nodes.Ints(transpose, "perm"));
        Assert.Equal<int>([5, 3, 3, 3, 2], transpose.Result.Type.Shape.ToArray());
        Assert.Equal(transpose.Result.Name, Nodes.Single(module, "conv").Operands[1]);
    }
}
