namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// Moves ONNX's op-level quantization parameters onto tensors before conversion: each tensor a
/// QuantizeLinear produces, a DequantizeLinear reads, or a QLinear / Integer op reads or
/// produces gets the Quantization its scale and zero point describe (constants only). A tensor
/// given two different quantizations is an error. Graph inputs and constants take theirs
/// directly; values produced by other nodes inherit through type inference.
/// </summary>
internal sealed class QuantizationPlanner
{
    private readonly GraphProto _graph;
    private readonly IReadOnlyDictionary<string, TensorData> _constants;
    private readonly Dictionary<string, Quantization> _plan = new(StringComparer.Ordinal);

    private QuantizationPlanner(GraphProto graph, IReadOnlyDictionary<string, TensorData> constants)
    {
        _graph = graph;
        _constants = constants;
    }

    public static Dictionary<string, Quantization> Plan(
        GraphProto graph, IEnumerable<int> order, IReadOnlyDictionary<string, TensorData> constants, Action<int, string, string> reportNode)
    {
        var planner = new QuantizationPlanner(graph, constants);
        foreach (var index in order)
        {
            try
            {
                planner.Visit(graph.Node[index]);
            }
            catch (OnnxImportException e)
            {
                reportNode(index, e.Id, e.Message);
            }
        }

        return planner._plan;
    }

    private void Visit(NodeProto node)
    {
        if (!OnnxOpsets.IsDefaultDomain(node.Domain))
        {
            return;
        }

        var axis = node.Attribute.FirstOrDefault(a => a.Name == "axis")?.I ?? 1;
        switch (node.OpType)
        {
            case "QuantizeLinear":
                Assign(node, Output(node, 0), Params(node, 1, 2, axis, Input(node, 0)));
                break;
            case "DequantizeLinear":
                Assign(node, Input(node, 0), Params(node, 1, 2, axis, Input(node, 0)));
                break;
            case "QLinearConv":
                var weights = Params(node, 4, 5, 0, Input(node, 3));
                var input = Params(node, 1, 2, 0, Input(node, 0));
                Assign(node, Input(node, 0), input);
                Assign(node, Input(node, 3), weights);
                Assign(node, Output(node, 0), Params(node, 6, 7, 0, Output(node, 0)));
                if (Input(node, 8).Length > 0)
                {
                    var scales = weights.Scales.Select(s => input.Scale * s).ToImmutableArray();
                    Assign(node, Input(node, 8), new Quantization(scales, [.. scales.Select(_ => 0L)], weights.Axis));
                }

                break;
            case "QLinearMatMul":
                Assign(node, Input(node, 0), Params(node, 1, 2, -2, Input(node, 0)));
                Assign(node, Input(node, 3), Params(node, 4, 5, -1, Input(node, 3)));
                Assign(node, Output(node, 0), Params(node, 6, 7, -1, Output(node, 0)));
                break;
            case "ConvInteger":
                Assign(node, Input(node, 0), ZeroPointOnly(node, 2, 0, Input(node, 0)));
                Assign(node, Input(node, 1), ZeroPointOnly(node, 3, 0, Input(node, 1)));
                break;
            case "MatMulInteger":
                Assign(node, Input(node, 0), ZeroPointOnly(node, 2, -2, Input(node, 0)));
                Assign(node, Input(node, 1), ZeroPointOnly(node, 3, -1, Input(node, 1)));
                break;
        }
    }

    private static string Input(NodeProto node, int index) => index < node.Input.Count ? node.Input[index] : string.Empty;

    private static string Output(NodeProto node, int index) => index < node.Output.Count ? node.Output[index] : string.Empty;

    private void Assign(NodeProto node, string tensor, Quantization quantization)
    {
        if (tensor.Length == 0)
        {
            return;
        }

        if (_plan.TryGetValue(tensor, out var existing) && !existing.Equals(quantization))
        {
            throw new OnnxImportException(OnnxDiagnosticIds.QuantizationConflict, $"{node.OpType} gives tensor '{tensor}' a quantization different from the one another node gives it");
        }

        _plan[tensor] = quantization;
    }

    /// <summary>Scale (required) and zero point (optional, default 0): one per tensor, or one per index of <paramref name="axis"/>.</summary>
    private Quantization Params(NodeProto node, int scaleIndex, int zeroPointIndex, long axis, string tensor)
    {
        var scaleData = Constant(node, scaleIndex, "scale");
        var scales = ConstantTensors.Floats(scaleData);
        var zeroPoints = Input(node, zeroPointIndex).Length > 0
            ? ConstantTensors.Ints(Constant(node, zeroPointIndex, "zero point"), "zero point")
            : new long[scales.Length];
        return Build(node, scales, zeroPoints, scaleData.Type.Rank, axis, tensor);
    }

    /// <summary>The Integer ops: scale 1 and the given zero point.</summary>
    private Quantization ZeroPointOnly(NodeProto node, int zeroPointIndex, long axis, string tensor)
    {
        if (Input(node, zeroPointIndex).Length == 0)
        {
            return Quantization.PerTensor(1f, 0);
        }

        var zeroData = Constant(node, zeroPointIndex, "zero point");
        var zeroPoints = ConstantTensors.Ints(zeroData, "zero point");
        return Build(node, [.. zeroPoints.Select(_ => 1f)], zeroPoints, zeroData.Type.Rank, axis, tensor);
    }

    private Quantization Build(NodeProto node, float[] scales, long[] zeroPoints, int paramRank, long axis, string tensor)
    {
        if (scales.Length != zeroPoints.Length || scales.Length == 0 || paramRank > 1)
        {
            throw new OnnxImportException(OnnxDiagnosticIds.UnsupportedOpConfiguration, $"{node.OpType}: scale and zero point of '{tensor}' must be scalars or matching 1-D tensors (blocked quantization is not supported)");
        }

        if (scales.Length == 1)
        {
            return Quantization.PerTensor(scales[0], zeroPoints[0]);
        }

        var rank = RankOf(tensor) ?? (axis >= 0 ? (int?)null : throw new OnnxImportException(
            OnnxDiagnosticIds.UnsupportedOpConfiguration, $"{node.OpType}: the rank of '{tensor}' is unknown, so axis {axis} cannot be resolved"));
        var normalized = axis < 0 ? axis + rank!.Value : axis;
        if (normalized < 0 || (rank is { } r && normalized >= r))
        {
            throw new OnnxImportException(OnnxDiagnosticIds.UnsupportedOpConfiguration, $"{node.OpType}: quantization axis {axis} is out of range for '{tensor}'");
        }

        return Quantization.PerAxis([.. scales], [.. zeroPoints], (int)normalized);
    }

    private TensorData Constant(NodeProto node, int index, string what) =>
        _constants.TryGetValue(Input(node, index), out var data)
            ? data
            : throw new OnnxImportException(OnnxDiagnosticIds.OperandNotConstant, $"{node.OpType}: the {what} (input {index}, '{Input(node, index)}') must be a constant");

    private int? RankOf(string tensor)
    {
        if (_constants.TryGetValue(tensor, out var data))
        {
            return data.Type.Rank;
        }

        var info = _graph.Input.Concat(_graph.ValueInfo).Concat(_graph.Output).FirstOrDefault(v => v.Name == tensor);
        return info?.Type?.TensorType?.Shape?.Dim.Count;
    }
}
