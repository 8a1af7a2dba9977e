using MicroTvm.Frontend.TFLite.Model;
using MicroTvm.Frontend.TFLite.Schema;
using MicroTvm.Frontend.TFLite.Writer;
using MicroTvm.IR;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>A small model under construction: tensors marked as model inputs and outputs as they are added.</summary>
internal sealed class OpModel
{
    private readonly List<int> _inputs = [];
    private readonly List<int> _outputs = [];

    public TfliteModelBuilder Builder { get; } = new();

    public int Input(string name, int[] shape, TfliteElementType type = TfliteElementType.Float32, TfliteQuantization? quantization = null, int[]? shapeSignature = null)
    {
        var tensor = Builder.AddTensor(name, type, shape, quantization, shapeSignature: shapeSignature);
        _inputs.Add(tensor);
        return tensor;
    }

    public int Output(string name, int[] shape, TfliteElementType type = TfliteElementType.Float32, TfliteQuantization? quantization = null)
    {
        var tensor = Builder.AddTensor(name, type, shape, quantization);
        _outputs.Add(tensor);
        return tensor;
    }

    public int Tensor(string name, int[] shape, TfliteElementType type = TfliteElementType.Float32, TfliteQuantization? quantization = null) =>
        Builder.AddTensor(name, type, shape, quantization);

    public int Floats(string name, int[] shape) =>
        Builder.AddFloatConstant(name, [.. Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => (i % 7) - 3f)], shape);

    public int Ints(string name, params int[] values) => Builder.AddInt32Constant(name, values);

    public OpModel Op(BuiltinOperator op, int[] inputs, int[] outputs, TfliteOptions? options = null)
    {
        Builder.AddOperator(op, inputs, outputs, options);
        return this;
    }

    public byte[] Build()
    {
        Builder.SetInputs([.. _inputs]);
        Builder.SetOutputs([.. _outputs]);
        return Builder.Build();
    }

    public Module Import() => Imports.ImportAndVerify(Build());

    /// <summary>One float operator from named inputs to one output; returns the imported node of <paramref name="irOp"/>.</summary>
    public static Node Unary(BuiltinOperator op, string irOp, int[] inShape, int[] outShape, TfliteOptions? options = null)
    {
        var m = new OpModel();
        var x = m.Input("x", inShape);
        var y = m.Output("y", outShape);
        return Nodes.Single(m.Op(op, [x], [y], options).Import(), irOp);
    }
}
