using MicroTvm.Frontend.TFLite.Schema;
using F = MicroTvm.Frontend.TFLite.Schema.Fields;

namespace MicroTvm.Frontend.TFLite.Importing.Operators;

internal static class RecurrentImporters
{
    private const int LstmOperands = 24;
    private const int LstmOperandsWithoutLayerNorm = 20;

    /// <summary>
    /// UNIDIRECTIONAL_SEQUENCE_LSTM keeps TFLite's operand order (absent optionals are empty
    /// names); the state inputs are variable tensors, which start from zeros.
    /// </summary>
    public static void UnidirectionalSequenceLstm(OperatorContext c)
    {
        c.Require(c.InputCount is LstmOperands or LstmOperandsWithoutLayerNorm, TfliteDiagnosticIds.BadOperands, $"expects {LstmOperands} inputs (or {LstmOperandsWithoutLayerNorm} without layer normalisation), has {c.InputCount}");
        c.RequireOutputs(1);
        var o = c.Options(BuiltinOptionsType.UnidirectionalSequenceLSTMOptions);
        var operands = Enumerable.Range(0, LstmOperands).Select(c.Operand).ToImmutableArray();
        c.Emit(Ops.UnidirectionalSequenceLstm, operands, [c.Result(0)], Attrs.Of(
            ("activation", new StringAttribute(c.Activation(o.Activation(F.SequenceLstm.Activation)))),
            ("cell_clip", Attrs.Float(o.Float(F.SequenceLstm.CellClip))),
            ("proj_clip", Attrs.Float(o.Float(F.SequenceLstm.ProjClip))),
            ("time_major", Attrs.Bool(o.Bool(F.SequenceLstm.TimeMajor)))));
    }
}
