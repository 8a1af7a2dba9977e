using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;

namespace MicroTvm.Frontend.Tests.TFLite;

public sealed class ElementwiseImportTests
{
    [Theory]
    [InlineData(BuiltinOperator.RELU, "relu")]
    [InlineData(BuiltinOperator.RELU6, "relu6")]
    [InlineData(BuiltinOperator.LOGISTIC, "sigmoid")]
    [InlineData(BuiltinOperator.TANH, "tanh")]
    [InlineData(BuiltinOperator.HARD_SWISH, "hard_swish")]
    [InlineData(BuiltinOperator.EXP, "exp")]
    [InlineData(BuiltinOperator.LOG, "log")]
    [InlineData(BuiltinOperator.SQRT, "sqrt")]
    [InlineData(BuiltinOperator.RSQRT, "rsqrt")]
    [InlineData(BuiltinOperator.ABS, "abs")]
    [InlineData(BuiltinOperator.NEG, "neg")]
    [InlineData(BuiltinOperator.LOG_SOFTMAX, "log_softmax")]
    public void UnaryOps(BuiltinOperator op, string irOp) => OpModel.Unary(op, irOp, [2, 3], [2, 3]);

    [Fact]
    public void ReluN1To1IsClip()
    {
        var node = OpModel.Unary(BuiltinOperator.RELU_N1_TO_1, "clip", [4], [4]);
        Assert.Equal((-1.0, 1.0), (node.GetFloat("min"), node.GetFloat("max")));
    }

    [Fact]
    public void LeakyReluKeepsAlpha() =>
        Assert.Equal(0.2f, (float)OpModel.Unary(BuiltinOperator.LEAKY_RELU, "leaky_relu", [4], [4], TfliteOptions.LeakyRelu(0.2f)).GetFloat("alpha"));

    [Fact]
    public void SoftmaxKeepsBeta() =>
        Assert.Equal(0.5, OpModel.Unary(BuiltinOperator.SOFTMAX, "softmax", [1, 4], [1, 4], TfliteOptions.Softmax(0.5f)).GetFloat("beta"));

    [Theory]
    [InlineData(BuiltinOperator.ADD, "add", BuiltinOptionsType.AddOptions)]
    [InlineData(BuiltinOperator.SUB, "sub", BuiltinOptionsType.SubOptions)]
    [InlineData(BuiltinOperator.MUL, "mul", BuiltinOptionsType.MulOptions)]
    [InlineData(BuiltinOperator.DIV, "div", BuiltinOptionsType.DivOptions)]
    public void BinaryOpsKeepFusedActivationAndBroadcast(BuiltinOperator op, string irOp, BuiltinOptionsType options)
    {
        var m = new OpModel();
        var a = m.Input("a", [2, 3]);
        var b = m.Floats("b", [3]);
        var y = m.Output("y", [2, 3]);
        var node = Nodes.Single(m.Op(op, [a, b], [y], TfliteOptions.Binary(options, TfliteActivation.Relu)).Import(), irOp);
        Assert.Equal("relu", node.GetString("activation"));
    }

    [Theory]
    [InlineData(BuiltinOperator.MAXIMUM, "maximum")]
    [InlineData(BuiltinOperator.MINIMUM, "minimum")]
    [InlineData(BuiltinOperator.PRELU, "prelu")]
    public void BinaryOpsWithoutOptions(BuiltinOperator op, string irOp)
    {
        var m = new OpModel();
        var a = m.Input("a", [2, 3]);
        var b = m.Floats("b", [3]);
        var y = m.Output("y", [2, 3]);
        Nodes.Single(m.Op(op, [a, b], [y]).Import(), irOp);
    }

    [Fact]
    public void QuantizedInt16AddKeepsTypes()
    {
        var m = new OpModel();
        var q = TfliteQuantization.PerTensor(0.001f, 0);
        var a = m.Input("a", [4], TfliteElementType.Int16, q);
        var b = m.Input("b", [4], TfliteElementType.Int16, q);
        var y = m.Output("y", [4], TfliteElementType.Int16, TfliteQuantization.PerTensor(0.002f, 0));
        var module = m.Op(BuiltinOperator.ADD, [a, b], [y], TfliteOptions.Binary(BuiltinOptionsType.AddOptions, TfliteActivation.None)).Import();
        Assert.Equal(IR.ElementType.I16, module.Main.Index.FindValue("y")!.Type.ElementType);
    }

    [Fact]
    public void UInt8ModelsImport()
    {
        var m = new OpModel();
        var q = TfliteQuantization.PerTensor(0.1f, 128);
        var a = m.Input("a", [4], TfliteElementType.UInt8, q);
        var y = m.Output("y", [4], TfliteElementType.UInt8, q);
        var module = m.Op(BuiltinOperator.RELU, [a], [y]).Import();
        Assert.Equal(128, module.Main.Inputs[0].Type.Quantization!.ZeroPoint);
    }
}
