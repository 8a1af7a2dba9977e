using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

internal static class ElementwiseImporters
{
    /// <summary>A two-operand op; <paramref name="options"/> is the options table carrying a fused activation, or null for none.</summary>
    public static Action<OperatorContext> Binary(OpDefinition op, BuiltinOptionsType? options) => c =>
    {
        c.RequireInputs(2, 2);
        c.RequireOutputs(1);
        var activation = options is { } type ? c.Activation(c.Options(type).Activation(F.Binary.Activation)) : Activations.None;
        c.Emit(op, [c.Operand(0), c.Operand(1)], [c.Result(0)], Attrs.Of(("activation", Attrs.Activation(activation))));
    };

    public static Action<OperatorContext> Unary(OpDefinition op) => c =>
    {
        c.RequireInputs(1, 1);
        c.RequireOutputs(1);
        c.Emit(op, [c.Operand(0)], [c.Result(0)]);
    };

    public static Action<OperatorContext> Clip(double min, double max) => c =>
    {
        c.RequireInputs(1, 1);
        c.RequireOutputs(1);
        c.Emit(Ops.Clip, [c.Operand(0)], [c.Result(0)], Attrs.Of(("min", Attrs.Float(min)), ("max", Attrs.Float(max))));
    };

    public static void LeakyRelu(OperatorContext c)
    {
        c.RequireInputs(1, 1);
        c.RequireOutputs(1);
        var alpha = c.Options(BuiltinOptionsType.LeakyReluOptions).Float(F.LeakyRelu.Alpha);
        c.Emit(Ops.LeakyRelu, [c.Operand(0)], [c.Result(0)], Attrs.Of(("alpha", Attrs.Float(alpha))));
    }

    public static void Softmax(OperatorContext c)
    {
        c.RequireInputs(1, 1);
        c.RequireOutputs(1);
        var beta = c.Options(BuiltinOptionsType.SoftmaxOptions).Float(F.Softmax.Beta);
        c.Emit(Ops.Softmax, [c.Operand(0)], [c.Result(0)], Attrs.Of(("beta", Attrs.Float(beta))));
    }

    /// <summary>Emits <paramref name="activation"/> as its own node, for ops whose IR form has no fused activation.</summary>
    public static void Activation(OperatorContext c, string activation, Value input, Value result)
    {
        switch (activation)
        {
            case Activations.Relu:
                c.Emit(Ops.Relu, [input.Name], [result]);
                break;
            case Activations.Relu6:
                c.Emit(Ops.Relu6, [input.Name], [result]);
                break;
            case Activations.ReluN1To1:
                c.Emit(Ops.Clip, [input.Name], [result], Attrs.Of(("min", Attrs.Float(-1)), ("max", Attrs.Float(1))));
                break;
            case Activations.Tanh:
                c.Emit(Ops.Tanh, [input.Name], [result]);
                break;
            default:
                throw c.Fail(TfliteDiagnosticIds.UnsupportedOption, $"activation {activation} cannot be applied here");
        }
    }
}
