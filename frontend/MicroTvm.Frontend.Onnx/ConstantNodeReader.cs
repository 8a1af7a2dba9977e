namespace MicroTvm.Frontend.Onnx;

/// <summary>The value of an ONNX <c>Constant</c> node, from whichever <c>value*</c> attribute it has.</summary>
internal static class ConstantNodeReader
{
    public static TensorData Read(NodeProto node)
    {
        if (node.Attribute.Count != 1)
        {
            throw new OnnxImportException(OnnxDiagnosticIds.UnsupportedOpConfiguration, "a Constant node needs exactly one value attribute");
        }

        var attribute = node.Attribute[0];
        return attribute.Name switch
        {
            "value" when attribute.T is not null => OnnxTensors.Read(attribute.T, $"the value of Constant '{node.Output[0]}'"),
            "value_float" => TensorData.FromSingles(new TensorType(ElementType.F32, []), [attribute.F]),
            "value_floats" => TensorData.FromSingles(new TensorType(ElementType.F32, [attribute.Floats.Count]), [.. attribute.Floats]),
            "value_int" => TensorData.FromInt64s(new TensorType(ElementType.I64, []), [attribute.I]),
            "value_ints" => TensorData.FromInt64s(new TensorType(ElementType.I64, [attribute.Ints.Count]), [.. attribute.Ints]),
            _ => throw new OnnxImportException(OnnxDiagnosticIds.UnsupportedOpConfiguration, $"Constant attribute '{attribute.Name}' is not supported (sparse and string constants are not)"),
        };
    }
}
