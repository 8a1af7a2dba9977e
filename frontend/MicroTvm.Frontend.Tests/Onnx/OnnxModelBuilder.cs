using System.Runtime.InteropServices;
using Google.Protobuf;
using MicroTvm.Frontend.Onnx.Proto;
using DataType = MicroTvm.Frontend.Onnx.Proto.TensorProto.Types.DataType;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>Writes small ONNX models for importer tests, with the generated protobuf classes.</summary>
internal sealed class OnnxModelBuilder(long opset = 13)
{
    private readonly GraphProto _graph = new() { Name = "test" };

    public OnnxModelBuilder Input(string name, DataType type, params long[] shape)
    {
        _graph.Input.Add(ValueInfo(name, type, shape));
        return this;
    }

    /// <summary>An input whose dimensions are numbers or symbolic names.</summary>
    public OnnxModelBuilder SymbolicInput(string name, DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }

        _graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } });
        return this;
    }

    public OnnxModelBuilder Output(string name, DataType type = DataType.Float, params long[]? shape)
    {
        _graph.Output.Add(shape is null || shape.Length == 0
            ? new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type } } }
            : ValueInfo(name, type, shape));
        return this;
    }

    public OnnxModelBuilder Initializer(TensorProto tensor)
    {
        _graph.Initializer.Add(tensor);
        return this;
    }

    public OnnxModelBuilder Floats(string name, float[] values, params long[] shape) => Initializer(FloatTensor(name, values, shape));

    public OnnxModelBuilder Int64s(string name, long[] values, params long[] shape) => Initializer(Int64Tensor(name, values, shape));

    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType.ToLowerInvariant()}{_graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return this;
    }

    public ModelProto Build()
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "MicroTvm tests", Graph = _graph.Clone() };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return model;
    }

    public byte[] ToBytes() => Build().ToByteArray();

    public static TensorProto FloatTensor(string name, float[] values, params long[] shape)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(shape);
        return tensor;
    }

    public static TensorProto Int64Tensor(string name, long[] values, params long[] shape)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Int64Data.AddRange(values);
        tensor.Dims.AddRange(shape);
        return tensor;
    }

    public static TensorProto ByteTensor(string name, DataType type, byte[] values, params long[] shape)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(values) };
        tensor.Dims.AddRange(shape);
        return tensor;
    }

    public static AttributeProto Attr(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attr(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attr(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attr(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Attr(string name, TensorProto value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    private static ValueInfoProto ValueInfo(string name, DataType type, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } } };
    }
}
