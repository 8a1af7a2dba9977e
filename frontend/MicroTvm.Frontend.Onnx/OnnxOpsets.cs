namespace MicroTvm.Frontend.Onnx;

/// <summary>
/// The default-domain opsets the importer reads. The op converters read every attribute that
/// moved to an input (pads, axes, min/max, split) from wherever the node has it, so one
/// converter serves every version in this range: opsets 22–25 changed only the element types
/// of the ops imported here, and opsets 7–10 differ from 11 only in ops read that way (and in
/// Softmax's 2-D coercion, which is handled). The range was widened from 11–21 because the
/// corpus's core node tests use opsets 10, 22 and 25, and mnist-8 is opset 8.
/// </summary>
internal static class OnnxOpsets
{
    public const long Min = 7;
    public const long Max = 25;

    public static bool IsDefaultDomain(string domain) => domain.Length == 0 || domain == "ai.onnx";
}
