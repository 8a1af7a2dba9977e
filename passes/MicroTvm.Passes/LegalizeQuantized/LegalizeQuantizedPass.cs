namespace MicroTvm.Passes;

/// <summary>
/// Turns ONNX QDQ patterns into quantized ops. One walk over each graph looks at every
/// <c>quantize</c> node and the float op that produces its operand:
/// <code>
///   quantize(conv(dequantize(x), dequantize(W), dequantize(B) | constant b) [→ relu | clip])
///     → conv(x, W, B') {activation, rounding = "half_even"}         (also depthwise_conv,
///                                                                   fully_connected, matmul)
///   quantize(max_pool | reshape | transpose | concat(dequantize(x)…))   with the same scale and
///     zero point in and out → the op on x directly (values pass through unchanged)
/// </code>
/// A product needs per-tensor int8/uint8 input, constant weights quantized per tensor or per
/// output channel (the axis the op's layout puts output channels on; symmetric when per axis),
/// and an int32 bias whose scales are input_scale·weight_scale with zero point 0 — a float bias
/// constant is accepted when every value quantizes exactly to that scale. A relu (or clip to
/// [0, 6] / [-1, 1]) between the op and the quantize folds into the activation. Each check that
/// fails leaves the float pattern in place with a diagnostic naming the node and the reason (a
/// warning, or an error when <c>strict</c>). The result requantizes with round-half-even in double
/// (the interpreter's and ONNX Runtime's QLinear rule); the float QDQ graph rounds its float32
/// products and sums before its own half-even quantize, so the two can differ by one unit in the
/// last place on values that fall next to a rounding boundary (property-tested bound: 1 LSB).
/// Run it after convert-layout, which folds the filter transposes of QDQ convs into the weights.
/// </summary>
[Pass(
    "legalize-quantized",
    "turn ONNX dequantize → float op → quantize patterns into quantized ops",
    Description = "Rewrites QDQ conv, depthwise_conv, fully_connected and matmul (with int32 or exactly quantizable float biases, "
        + "relu/clip folded into the activation) into quantized ops with rounding = \"half_even\", and lets quantization pass "
        + "through max_pool, reshape, transpose and concat when scales and zero points agree. Patterns that fail a check stay "
        + "float with a diagnostic naming the node and the reason.")]
public sealed class LegalizeQuantizedPass : Pass
{
    [PassOption("strict", "report patterns that cannot be legalized as errors instead of warnings")]
    public bool Strict { get; set; }

    [PassStatistic("num-legalized", "QDQ patterns rewritten into quantized ops")]
    public PassStatistic NumLegalized { get; } = new();

    [PassStatistic("num-rejected", "QDQ patterns left float")]
    public PassStatistic NumRejected { get; } = new();

    public override Module Run(Module module, PassContext context) =>
        module.WithGraphs([.. module.Graphs.Select(graph => LegalizeGraph(graph, context))]);

    private Graph LegalizeGraph(Graph graph, PassContext context)
    {
        var rewriter = new QdqRewriter(graph);
        var legalized = rewriter.Run();
        NumLegalized.Add(rewriter.Legalized);
        NumRejected.Add(rewriter.Rejections.Count);
        foreach (var (node, reason) in rewriter.Rejections)
        {
            var message = $"graph '{graph.Name}': cannot legalize {node}: {reason}; it stays float";
            context.Diagnostics.Add(Strict
                ? Diagnostic.Error(PassDiagnosticIds.QuantizedPatternRejected, message, node.Location)
                : Diagnostic.Warning(PassDiagnosticIds.QuantizedPatternRejected, message, node.Location));
        }

        return rewriter.Legalized == 0 ? graph : legalized;
    }
}
