using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;

namespace MicroTvm.Frontend.Tests.TFLite;

public sealed class ShapeImportTests
{
    [Fact]
    public void ReshapeTakesTheOutputShapeEvenWithMinusOne()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 2, 3, 4]);
        var shape = m.Ints("shape", 1, -1);
        var y = m.Output("y", [1, 24]);
        Assert.Equal([1L, 24], Nodes.Ints(Nodes.Single(m.Op(BuiltinOperator.RESHAPE, [x, shape], [y], TfliteOptions.Reshape([1, -1])).Import(), "reshape"), "shape"));
    }

    [Fact]
    public void TransposePermutationBecomesAnAttribute()
    {
        var m = new OpModel();
        var x = m.Input("x", [2, 3, 4]);
        var perm = m.Ints("perm", 2, 0, 1);
        var y = m.Output("y", [4, 2, 3]);
        Assert.Equal([2L, 0, 1], Nodes.Ints(Nodes.Single(m.Op(BuiltinOperator.TRANSPOSE, [x, perm], [y]).Import(), "transpose"), "perm"));
    }

    [Fact]
    public void ConcatenationWithNegativeAxisAndActivation()
    {
        var m = new OpModel();
        var a = m.Input("a", [1, 2, 3]);
        var b = m.Input("b", [1, 2, 5]);
        var y = m.Output("y", [1, 2, 8]);
        var module = m.Op(BuiltinOperator.CONCATENATION, [a, b], [y], TfliteOptions.Concatenation(-1, TfliteActivation.Relu)).Import();
        Assert.Equal(2, Nodes.Single(module, "concat").GetInt("axis"));
        Assert.Equal("y", Nodes.Single(module, "relu").Result.Name);
    }

    [Fact]
    public void SplitAndSplitV()
    {
        var m = new OpModel();
        var x = m.Input("x", [6, 2]);
        var axis = m.Ints("axis", 0);
        var (a, b, c) = (m.Output("a", [2, 2]), m.Output("b", [2, 2]), m.Output("c", [2, 2]));
        var sizes = m.Ints("sizes", 1, -1);
        var (d, e) = (m.Output("d", [6, 1]), m.Output("e", [6, 1]));
        var axis1 = m.Ints("axis1", 1);
        var module = m.Op(BuiltinOperator.SPLIT, [axis, x], [a, b, c], TfliteOptions.Split(3))
            .Op(BuiltinOperator.SPLIT_V, [x, sizes, axis1], [d, e], TfliteOptions.SplitV(2)).Import();
        var splits = module.Main.Nodes.Where(n => n.Op.Name == "split").ToArray();
        Assert.Equal([2L, 2, 2], Nodes.Ints(splits[0], "sizes"));
        Assert.Equal([1L, 1], Nodes.Ints(splits[1], "sizes"));
        Assert.Equal(1, splits[1].GetInt("axis"));
    }

    [Fact]
    public void SqueezeExpandDimsAndGather()
    {
        var m = new OpModel();
        var x = m.Input("x", [1, 3, 1]);
        var s = m.Tensor("s", [3]);
        var axis = m.Ints("axis", -1);
        var e = m.Output("e", [3, 1]);
        var indices = m.Ints("indices", 2, 0);
        var g = m.Output("g", [2]);
        var module = m.Op(BuiltinOperator.SQUEEZE, [x], [s], TfliteOptions.Squeeze([0, -1]))
            .Op(BuiltinOperator.EXPAND_DIMS, [s, axis], [e])
            .Op(BuiltinOperator.GATHER, [s, indices], [g], TfliteOptions.Gather(0)).Import();
        Assert.Equal([0L, 2], Nodes.Ints(Nodes.Single(module, "squeeze"), "axes"));
        Assert.Equal(1, Nodes.Single(module, "expand_dims").GetInt("axis"));
        Assert.Equal(0, Nodes.Single(module, "gather").GetInt("axis"));
    }

    [Fact]
    public void DuplicateAndMissingTensorNamesBecomeUnique()
    {
        var m = new OpModel();
        var x = m.Input("t", [4]);
        var a = m.Tensor("t", [4]);
        var y = m.Output(string.Empty, [4]);
        var module = m.Op(BuiltinOperator.RELU, [x], [a]).Op(BuiltinOperator.RELU6, [a], [y]).Import();
        Assert.Equal(["t", "t_1", "tensor_2"], module.Main.Nodes.Select(n => n.Operands[0]).Append(module.Main.Outputs[0]).ToArray());
    }
}
