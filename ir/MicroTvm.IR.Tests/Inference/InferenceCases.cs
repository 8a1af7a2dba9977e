using MicroTvm.IR;
using static MicroTvm.IR.Tests.Support.NodeFactory;
using static MicroTvm.IR.Tests.Support.Types;

namespace MicroTvm.IR.Tests.Inference;

/// <summary>At least one example per op of the catalog, with NHWC layouts and OHWI filters as documented.</summary>
internal static class InferenceCases
{
    public static IEnumerable<InferenceCase> All()
    {
        yield return new(Ops.Constant, [], [("value", new TensorAttribute(TensorData.FromSingles(F32(2, 3), new float[6])))], [F32(2, 3)]);
        yield return new(Ops.Conv, [F32(1, 8, 8, 3), F32(4, 3, 3, 3), F32(4)], [("strides", Ints(2, 2)), ("pads", Ints(1, 1, 1, 1))], [F32(1, 4, 4, 4)]);
        yield return new(Ops.Conv, [F32(1, 6, 6, 4), F32(6, 1, 1, 2)], [("groups", Int(2)), ("dilations", Ints(2, 2))], [F32(1, 6, 6, 6)]);
        yield return new(Ops.Conv, [Q8(0.5f, 1, 1, 5, 5, 2), Q8(0.1f, 0, 3, 3, 3, 2)], [], [Q8(0.25f, -3, 1, 3, 3, 3)], [Q8(0.25f, -3)]);
        yield return new(Ops.Conv, [F32(1, 9, 2), F32(2, 3, 2)], [("strides", Ints(3))], [F32(1, 3, 2)]);
        yield return new(Ops.DepthwiseConv, [F32(1, 5, 5, 2), F32(1, 3, 3, 4), F32(4)], [("depth_multiplier", Int(2))], [F32(1, 3, 3, 4)]);
        yield return new(Ops.ConvTranspose, [F32(1, 4, 4, 2), F32(3, 3, 3, 2)], [("strides", Ints(2, 2)), ("output_padding", Ints(1, 0))], [F32(1, 10, 9, 3)]);
        yield return new(Ops.FullyConnected, [F32(2, 3, 4), F32(5, 4), F32(5)], [], [F32(6, 5)]);
        yield return new(Ops.FullyConnected, [F32(2, 3, 4), F32(5, 4)], [("keep_num_dims", Bool(true))], [F32(2, 3, 5)]);
        yield return new(Ops.MatMul, [F32(2, 1, 3, 4), F32(5, 4, 6)], [], [F32(2, 5, 3, 6)]);
        yield return new(Ops.MatMul, [F32(4), F32(4, 6)], [], [F32(6)]);
        yield return new(Ops.MatMul, [F32(3, 4), F32(4)], [], [F32(3)]);
        yield return new(Ops.BatchMatMul, [F32(2, 4, 3), F32(2, 5, 4)], [("adj_x", Bool(true)), ("adj_y", Bool(true))], [F32(2, 3, 5)]);
        foreach (var op in new[] { Ops.Add, Ops.Sub, Ops.Mul, Ops.Div, Ops.Maximum, Ops.Minimum })
        {
            yield return new(op, [F32(2, 1, 3), F32(4, 1)], [], [F32(2, 4, 3)]);
        }

        yield return new(Ops.Add, [Q8(0.5f, 0, 4), Q8(0.5f, 0)], [("activation", Str("relu"))], [Q8(1f, 2, 4)], [Q8(1f, 2)]);
        foreach (var op in new[] { Ops.Relu, Ops.Relu6, Ops.Sigmoid, Ops.Tanh, Ops.HardSwish, Ops.Exp, Ops.Log, Ops.Sqrt, Ops.Rsqrt, Ops.Abs, Ops.Neg })
        {
            yield return new(op, [F32(2, 3)], [], [F32(2, 3)]);
        }

        yield return new(Ops.Clip, [F32(2, 3)], [("min", Float(-1)), ("max", Float(1))], [F32(2, 3)]);
        yield return new(Ops.LeakyRelu, [F32(3)], [("alpha", Float(0.2))], [F32(3)]);
        yield return new(Ops.HardSigmoid, [F32(3)], [], [F32(3)]);
        yield return new(Ops.Prelu, [F32(1, 4, 4, 3), F32(3)], [], [F32(1, 4, 4, 3)]);
        yield return new(Ops.Softmax, [F32(2, 5)], [("axis", Int(0))], [F32(2, 5)]);
        yield return new(Ops.LogSoftmax, [F32(2, 5)], [], [F32(2, 5)]);
        yield return new(Ops.MaxPool, [F32(1, 7, 7, 2)], [("kernel", Ints(3, 3)), ("strides", Ints(2, 2))], [F32(1, 3, 3, 2)]);
        yield return new(Ops.AvgPool, [F32(1, 8, 8, 2)], [("kernel", Ints(3, 3)), ("strides", Ints(2, 2)), ("ceil_mode", Bool(true))], [F32(1, 4, 4, 2)]);
        yield return new(Ops.AvgPool, [F32(1, 8, 2)], [("kernel", Ints(2)), ("strides", Ints(2)), ("pads", Ints(1, 1))], [F32(1, 5, 2)]);
        yield return new(Ops.GlobalAvgPool, [F32(1, 5, 5, 3)], [], [F32(1, 1, 1, 3)]);
        yield return new(Ops.GlobalMaxPool, [F32(1, 5, 3)], [], [F32(1, 1, 3)]);
        yield return new(Ops.Mean, [F32(2, 3, 4)], [("axes", Ints(1)), ("keepdims", Bool(false))], [F32(2, 4)]);
        yield return new(Ops.Sum, [F32(2, 3, 4)], [], [F32(1, 1, 1)]);
        yield return new(Ops.ReduceMax, [F32(2, 3, 4)], [("axes", Ints(-1, 0))], [F32(1, 3, 1)]);
        yield return new(Ops.ReduceMin, [F32(2, 3, 4)], [("axes", Ints(2)), ("keepdims", Bool(false))], [F32(2, 3)]);
        yield return new(Ops.Reshape, [F32(2, 3, 4)], [("shape", Ints(6, 4))], [F32(6, 4)]);
        yield return new(Ops.Transpose, [F32(2, 3, 4)], [("perm", Ints(2, 0, 1))], [F32(4, 2, 3)]);
        yield return new(Ops.Concat, [F32(2, 3), F32(2, 5), F32(2, 1)], [("axis", Int(-1))], [F32(2, 9)]);
        yield return new(Ops.Split, [F32(2, 6)], [("axis", Int(1)), ("sizes", Ints(2, 4))], [F32(2, 2), F32(2, 4)], [F32(), F32()]);
        yield return new(Ops.Slice, [F32(4, 5)], [("begins", Ints(1, 2)), ("sizes", Ints(2, 3))], [F32(2, 3)]);
        yield return new(Ops.StridedSlice, [F32(10, 4)], [("begins", Ints(1, 0)), ("ends", Ints(8, 4)), ("strides", Ints(3, 1))], [F32(3, 4)]);
        yield return new(Ops.StridedSlice, [F32(10, 4)], [("begins", Ints(9, 2)), ("ends", Ints(-1, 3)), ("strides", Ints(-2, 1)), ("shrink_axes", Ints(1))], [F32(5)]);
        yield return new(Ops.Pad, [F32(2, 3)], [("pads", Ints(1, 0, 2, 1))], [F32(5, 4)]);
        yield return new(Ops.Squeeze, [F32(1, 3, 1, 2)], [], [F32(3, 2)]);
        yield return new(Ops.Squeeze, [F32(1, 3, 1, 2)], [("axes", Ints(-2))], [F32(1, 3, 2)]);
        yield return new(Ops.ExpandDims, [F32(3, 2)], [("axis", Int(-1))], [F32(3, 2, 1)]);
        yield return new(Ops.Gather, [F32(5, 4, 3), Of(ElementType.I32, 2, 7)], [("axis", Int(1))], [F32(5, 2, 7, 3)]);
        yield return new(Ops.Gather, [F32(2, 4, 3), Of(ElementType.I64, 2, 5)], [("axis", Int(1)), ("batch_dims", Int(1))], [F32(2, 5, 3)]);
        yield return new(Ops.Cast, [F32(2, 3)], [], [Of(ElementType.I32, 2, 3)], [Of(ElementType.I32)]);
        yield return new(Ops.Quantize, [F32(4)], [], [Q8(0.5f, 3, 4)], [Q8(0.5f, 3)]);
        yield return new(Ops.Dequantize, [Q8(0.5f, 3, 4)], [], [F32(4)], [F32()]);
        yield return new(Ops.Requantize, [Q8(0.5f, 3, 4)], [], [Q8(0.25f, 0, 4)], [Q8(0.25f, 0)]);
        yield return new(Ops.BatchNorm, [F32(1, 4, 4, 3), F32(3), F32(3), F32(3), F32(3)], [], [F32(1, 4, 4, 3)]);
        yield return new(Ops.UnidirectionalSequenceLstm, Lstm(projection: false), [], [F32(5, 2, 4)]);
        yield return new(Ops.UnidirectionalSequenceLstm, Lstm(projection: true), [], [F32(5, 2, 6)]);
        yield return new(Ops.Call, [F32(2, 3), Q8(0.5f, 1, 4)], [("callee", Str("fused_add_0"))], [F32(2, 3), Q8(0.5f, 1, 4)], [F32(2, 3), Q8(0.5f, 1, 4)]);
        yield return new(Ops.KernelCall, [F32(2, 3), Q8(0.5f, 1, 4)], [("kernel", Str("fused_add_0"))], [F32(2, 3)], [F32(2, 3)]);
    }

    /// <summary>LSTM over [T=5, B=2, I=3] with 4 cells, CIFG (no input gate), optionally projecting to 6 outputs.</summary>
    public static TensorType?[] Lstm(bool projection)
    {
        var outputs = projection ? 6 : 4;
        var operands = new TensorType?[20];
        operands[0] = F32(5, 2, 3);
        for (var i = 2; i <= 4; i++)
        {
            operands[i] = F32(4, 3);
        }

        for (var i = 6; i <= 8; i++)
        {
            operands[i] = F32(4, outputs);
        }

        for (var i = 13; i <= 15; i++)
        {
            operands[i] = F32(4);
        }

        if (projection)
        {
            operands[16] = F32(6, 4);
        }

        operands[18] = F32(2, outputs);
        operands[19] = F32(2, 4);
        return operands;
    }
}
