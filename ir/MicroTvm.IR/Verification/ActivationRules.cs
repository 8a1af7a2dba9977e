namespace MicroTvm.IR.Verification;

/// <summary>
/// A fused activation on a quantized result is a clamp in the quantized domain, which exists
/// only for the piecewise-linear activations (TFLite's CalculateActivationRangeQuantized).
/// </summary>
internal static class ActivationRules
{
    private static readonly string[] Clamps = [Activations.None, Activations.Relu, Activations.Relu6, Activations.ReluN1To1];

    public static IEnumerable<Problem> Check(Node node)
    {
        if (node.Attributes.TryGetValue("activation", out var attribute)
            && attribute is StringAttribute { Value: var activation }
            && !Clamps.Contains(activation)
            && node.Results.Any(result => result.Type.IsQuantized)
            && node.Op != Ops.UnidirectionalSequenceLstm)
        {
            yield return new Problem(
                VerifierDiagnosticIds.QuantizedFusedActivation,
                $"fused activation '{activation}' has no quantized form (only {string.Join(", ", Clamps.Skip(1))} clamp a quantized result); use a separate '{activation}' node");
        }
    }
}
