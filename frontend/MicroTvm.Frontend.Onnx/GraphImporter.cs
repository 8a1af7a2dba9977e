namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// Imports the graph of one ONNX model into the IR's <c>main</c> graph, in phases:
/// <list type="number">
/// <item>constants: initializers and <c>Constant</c> nodes become known values (materialised as
/// <c>constant</c> nodes only where an op consumes them at run time);</item>
/// <item>checks: every op is looked up at once (all unsupported ops reported together), then the
/// node order is made topological, catching undefined tensors and cycles;</item>
/// <item>signature: graph inputs get static IR types, quantization is planned from the QLinear /
/// Q / DQ nodes' scales and zero points;</item>
/// <item>conversion: each node is converted by its <see cref="OnnxOpTable"/> entry, which may
/// emit several IR nodes (layout transposes around NCHW ops, reshapes …). A failed node marks its
/// outputs failed, and nodes depending on them are skipped silently.</item>
/// </list>
/// ONNX tensors keep their names and their layout; only layout-sensitive ops work in NHWC,
/// between a transpose in and a transpose out that a later layout pass cancels.
/// </summary>
internal sealed partial class GraphImporter
{
    private readonly string _fileName;
    private readonly ModelProto _model;
    private readonly OnnxImportOptions _options;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Node> _nodes = [];
    private readonly List<Value> _inputs = [];
    private readonly Dictionary<string, string> _irNameOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorData> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _channelsLast = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _nodeProblems = [];
    private Dictionary<string, Quantization> _quantization = new(StringComparer.Ordinal);
    private long _opset;

    public GraphImporter(string fileName, ModelProto model, OnnxImportOptions options, DiagnosticBag diagnostics)
    {
        _fileName = fileName;
        _model = model;
        _options = options;
        _diagnostics = diagnostics;
    }

    /// <summary>Why each node (by index in the file) could not be imported; absent when it was, or was not reached.</summary>
    public IReadOnlyDictionary<int, string> NodeProblems => _nodeProblems;

    public long Opset => _opset;

    public GraphProto? Graph => _model.Graph;

    public Module? Import()
    {
        if (!CheckModel())
        {
            return null;
        }

        var graph = _model.Graph;
        ReserveNames(graph);
        LoadInitializers(graph);
        var order = CheckNodes(graph);
        if (order is null)
        {
            return null;
        }

        var frozen = FreezeKnownInputs(graph);
        DeclareInputs(graph, frozen);
        _quantization = QuantizationPlanner.Plan(graph, order, _constants, ReportNode);
        ApplyQuantizationToConstants();
        if (_diagnostics.HasErrors)
        {
            return null;
        }

        foreach (var index in order)
        {
            ConvertNode(graph.Node[index], index);
        }

        var outputs = DeclareOutputs(graph);
        if (_diagnostics.HasErrors)
        {
            return null;
        }

        var main = new Graph(Module.MainGraphName, [.. _inputs], [.. _nodes], outputs);
        return new Module([main]);
    }

    public SourceLocation NodeLocation(NodeProto node, int index) =>
        SourceLocation.InModel(_fileName, $"node {NodeLabel(node, index)} ({node.OpType}{(OnnxOpsets.IsDefaultDomain(node.Domain) ? string.Empty : " in domain " + node.Domain)}, opset {_opset})");

    public static string NodeLabel(NodeProto node, int index) =>
        node.Name.Length > 0 ? $"'{node.Name}'" : node.Output.Count > 0 ? $"#{index} -> '{node.Output[0]}'" : $"#{index}";

    private SourceLocation ModelLocation(string place) => SourceLocation.InModel(_fileName, place);

    private void Report(string id, string message, SourceLocation? location) => _diagnostics.Error(id, message, location);

    private void ReportNode(int index, string id, string message)
    {
        var node = _model.Graph.Node[index];
        _diagnostics.Error(id, message, NodeLocation(node, index));
        _nodeProblems.TryAdd(index, message);
    }

    private bool CheckModel()
    {
        var defaultImports = _model.OpsetImport.Where(o => OnnxOpsets.IsDefaultDomain(o.Domain)).ToList();
        if (defaultImports.Count == 0)
        {
            // ONNX's rule: a model without an opset import for the default domain is opset 1.
            Report(OnnxDiagnosticIds.UnsupportedOpset, $"the model imports no default-domain opset (ONNX reads that as opset 1); supported opsets are {OnnxOpsets.Min} to {OnnxOpsets.Max}", ModelLocation("opset_import"));
            return false;
        }

        _opset = defaultImports.Max(o => o.Version);
        if (_opset < OnnxOpsets.Min || _opset > OnnxOpsets.Max)
        {
            Report(OnnxDiagnosticIds.UnsupportedOpset, $"default-domain opset {_opset} is not supported; supported opsets are {OnnxOpsets.Min} to {OnnxOpsets.Max} (convert the model with onnx.version_converter)", ModelLocation("opset_import"));
            return false;
        }

        if (_model.Graph is null)
        {
            Report(OnnxDiagnosticIds.MissingGraph, "the model has no graph", ModelLocation("graph"));
            return false;
        }

        return true;
    }

    private void ReserveNames(GraphProto graph)
    {
        foreach (var input in graph.Input)
        {
            _names.Add(input.Name);
        }

        foreach (var initializer in graph.Initializer)
        {
            _names.Add(initializer.Name);
        }

        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                _names.Add(output);
            }

            foreach (var input in node.Input)
            {
                _used.Add(input);
            }
        }

        foreach (var output in graph.Output)
        {
            _used.Add(output.Name);
        }
    }

    private void LoadInitializers(GraphProto graph)
    {
        foreach (var initializer in graph.Initializer)
        {
            try
            {
                if (initializer.Name.Length == 0)
                {
                    throw new OnnxImportException(OnnxDiagnosticIds.UntypedValue, "an initializer has no name");
                }

                if (!_constants.TryAdd(initializer.Name, OnnxTensors.Read(initializer, $"initializer '{initializer.Name}'")))
                {
                    throw new OnnxImportException(OnnxDiagnosticIds.DuplicateDefinition, $"initializer '{initializer.Name}' is defined twice");
                }
            }
            catch (OnnxImportException e)
            {
                Report(e.Id, e.Message, ModelLocation($"initializer '{initializer.Name}'"));
            }
        }
    }

    public bool IsUsed(string onnxName) => _used.Contains(onnxName);

    public bool TryGetConstant(string onnxName, out TensorData data) => _constants.TryGetValue(onnxName, out data!);

    public void AddConstant(string onnxName, TensorData data) => _constants[onnxName] = data;
}
