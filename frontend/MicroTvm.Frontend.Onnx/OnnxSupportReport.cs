namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// The result of <see cref="OnnxImporter.ReportSupportedOps"/>: one entry per node, and the
/// import's diagnostics (model-level problems such as a corrupt file or an unsupported opset).
/// </summary>
public sealed record OnnxSupportReport(ImmutableArray<OnnxNodeSupport> Nodes, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool AllSupported => Nodes.All(n => n.Supported) && !Diagnostics.Any(d => d.IsError);

    internal static OnnxSupportReport Create(GraphImporter? importer, ImmutableArray<Diagnostic> diagnostics)
    {
        if (importer?.Graph is not { } graph)
        {
            return new OnnxSupportReport([], diagnostics);
        }

        var nodes = ImmutableArray.CreateBuilder<OnnxNodeSupport>(graph.Node.Count);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            var domain = node.Domain.Length == 0 ? "ai.onnx" : node.Domain;
            var problem = importer.NodeProblems.GetValueOrDefault(i) ?? importer.OpProblem(node);
            nodes.Add(new OnnxNodeSupport(GraphImporter.NodeLabel(node, i), node.OpType, domain, importer.Opset, problem is null, problem));
        }

        return new OnnxSupportReport(nodes.MoveToImmutable(), diagnostics);
    }

    /// <summary>The report as text lines, e.g. <c>'conv1'  Conv  ai.onnx/13  supported</c>.</summary>
    public IEnumerable<string> ToLines() =>
        Nodes.Select(n => $"{n.Name}\t{n.OpType}\t{n.Domain}/{n.Opset}\t{(n.Supported ? "supported" : "unsupported: " + n.Reason)}");
}
