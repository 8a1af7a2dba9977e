using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;

namespace MicroTvm.Frontend.Tests.TFLite;

public sealed class SliceImportTests
{
    [Fact]
    public void SliceSizeMinusOneRunsToTheEnd()
    {
        var m = new OpModel();
        var x = m.Input("x", [4, 5]);
        var y = m.Output("y", [3, 2]);
        var node = Nodes.Single(m.Op(BuiltinOperator.SLICE, [x, m.Ints("b", 1, 3), m.Ints("s", -1, 2)], [y]).Import(), "slice");
        Assert.Equal([3L, 2], Nodes.Ints(node, "sizes"));
    }

    [Fact]
    public void StridedSliceMasksAndNegativeIndicesAreNormalised()
    {
        // x[1:, ::-1, -2] with begin_mask on dim 1, end_mask on dims 0 and 1, shrink on dim 2.
        var m = new OpModel();
        var x = m.Input("x", [3, 4, 5]);
        var y = m.Output("y", [2, 4]);
        var node = Nodes.Single(m.Op(BuiltinOperator.STRIDED_SLICE, [x, m.Ints("b", 1, 0, -2), m.Ints("e", 0, 0, 0), m.Ints("s", 1, -1, 1)], [y],
            TfliteOptions.StridedSlice(beginMask: 0b010, endMask: 0b011, shrinkAxisMask: 0b100)).Import(), "strided_slice");
        Assert.Equal([1L, 3, 3], Nodes.Ints(node, "begins"));
        Assert.Equal([3L, -1, 4], Nodes.Ints(node, "ends"));
        Assert.Equal([1L, -1, 1], Nodes.Ints(node, "strides"));
        Assert.Equal([2L], Nodes.Ints(node, "shrink_axes"));
    }

    [Fact]
    public void StridedSliceClampsOutOfRangeBounds()
    {
        var m = new OpModel();
        var x = m.Input("x", [6]);
        var y = m.Output("y", [3]);
        var node = Nodes.Single(m.Op(BuiltinOperator.STRIDED_SLICE, [x, m.Ints("b", -100), m.Ints("e", 100), m.Ints("s", 2)], [y], TfliteOptions.StridedSlice()).Import(), "strided_slice");
        Assert.Equal([0L], Nodes.Ints(node, "begins"));
        Assert.Equal([6L], Nodes.Ints(node, "ends"));
    }

    [Fact]
    public void PadBecomesBeginsThenEnds()
    {
        var m = new OpModel();
        var x = m.Input("x", [2, 3]);
        var y = m.Output("y", [5, 7]);
        var node = Nodes.Single(m.Op(BuiltinOperator.PAD, [x, m.Builder.AddInt32Constant("p", [1, 2, 3, 1], [2, 2])], [y]).Import(), "pad");
        Assert.Equal([1L, 3, 2, 1], Nodes.Ints(node, "pads"));
    }

    [Fact]
    public void QuantizedPadFillsWithTheZeroPoint()
    {
        var m = new OpModel();
        var q = TfliteQuantization.PerTensor(0.5f, -7);
        var x = m.Input("x", [2], TfliteElementType.Int8, q);
        var y = m.Output("y", [4], TfliteElementType.Int8, q);
        Assert.Equal(-7.0, Nodes.Single(m.Op(BuiltinOperator.PAD, [x, m.Builder.AddInt32Constant("p", [1, 1], [1, 2])], [y]).Import(), "pad").GetFloat("constant_value"));
    }

    [Fact]
    public void PadV2TakesItsFillValueAndMirrorPadReflects()
    {
        var m = new OpModel();
        var x = m.Input("x", [3]);
        var y = m.Output("y", [5]);
        var z = m.Output("z", [5]);
        var p = m.Builder.AddInt32Constant("p", [1, 1], [1, 2]);
        var module = m.Op(BuiltinOperator.PADV2, [x, p, m.Builder.AddFloatConstant("v", [2.5f], [])], [y])
            .Op(BuiltinOperator.MIRROR_PAD, [x, p], [z], TfliteOptions.MirrorPad(false)).Import();
        var pads = module.Main.Nodes.Where(n => n.Op.Name == "pad").ToArray();
        Assert.Equal(2.5, pads[0].GetFloat("constant_value"));
        Assert.Equal("reflect", pads[1].GetString("mode"));
    }
}
