using System.Globalization;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>Builds tensor types and quantizations from the syntax tree.</summary>
internal sealed class TypeBuilder(LiteralReader literals)
{
    private static readonly string[] ElementTypeNames = [.. Enum.GetValues<ElementType>().Select(type => type.Mnemonic())];

    /// <summary>The type, or null when a diagnostic was reported.</summary>
    public TensorType? Build(MirParser.TensorTypeContext context)
    {
        var shape = Shape(context.DIMS()?.Symbol);
        var known = TryElementType(context.IDENT().Symbol, out var elementType);

        var quantization = context.quantization() is { } q ? BuildQuantization(q) : null;
        if (shape is null || !known || (context.quantization() is not null && quantization is null))
        {
            return null;
        }

        return new TensorType(elementType, shape.Value, quantization);
    }

    /// <summary>The element type a name token spells; false (reported) when it spells none.</summary>
    public bool TryElementType(Antlr4.Runtime.IToken token, out ElementType type)
    {
        if (ElementTypeExtensions.TryParseMnemonic(token.Text, out type))
        {
            return true;
        }

        literals.Error(
            TextDiagnosticIds.UnknownElementType,
            $"unknown element type '{token.Text}'{Suggestions.DidYouMean(token.Text, ElementTypeNames)} (expected one of {string.Join(", ", ElementTypeNames)})",
            token);
        return false;
    }

    private ImmutableArray<int>? Shape(Antlr4.Runtime.IToken? dims)
    {
        if (dims is null)
        {
            return [];
        }

        var parts = dims.Text.Split('x', StringSplitOptions.RemoveEmptyEntries);
        var shape = ImmutableArray.CreateBuilder<int>(parts.Length);
        var offset = 0;
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var dimension))
            {
                literals.Error(TextDiagnosticIds.IntegerOutOfRange, $"dimension {part} does not fit in 32 bits", dims, offset);
                return null;
            }

            shape.Add(dimension);
            offset += part.Length + 1;
        }

        return shape.MoveToImmutable();
    }

    private Quantization? BuildQuantization(MirParser.QuantizationContext context)
    {
        switch (context)
        {
            case MirParser.PerTensorContext perTensor:
                return ScaleAndZeroPoint(perTensor.scaleAndZeroPoint(), out var scale, out var zeroPoint)
                    ? MicroTvm.IR.Quantization.PerTensor(scale, zeroPoint)
                    : null;
            case MirParser.PerAxisContext perAxis:
                var ok = literals.TryInt32(perAxis.INT().Symbol, "axis", out var axis);
                var pairs = perAxis.scaleAndZeroPoint();
                if (pairs.Length == 0)
                {
                    literals.Error(TextDiagnosticIds.InvalidQuantization, "per-axis quantization needs at least one scale:zero_point pair", perAxis.LBRACKET().Symbol);
                    return null;
                }

                var scales = ImmutableArray.CreateBuilder<float>(pairs.Length);
                var zeroPoints = ImmutableArray.CreateBuilder<long>(pairs.Length);
                foreach (var pair in pairs)
                {
                    ok &= ScaleAndZeroPoint(pair, out var s, out var z);
                    scales.Add(s);
                    zeroPoints.Add(z);
                }

                return ok ? MicroTvm.IR.Quantization.PerAxis(scales.MoveToImmutable(), zeroPoints.MoveToImmutable(), axis) : null;
            default:
                throw new InvalidOperationException($"unexpected quantization syntax {context.GetType().Name}");
        }
    }

    private bool ScaleAndZeroPoint(MirParser.ScaleAndZeroPointContext context, out float scale, out long zeroPoint)
    {
        var scaleOk = literals.TrySingle(context.Start, out scale);
        var zeroPointOk = literals.TryInt64(context.INT(context.INT().Length - 1).Symbol, out zeroPoint);
        return scaleOk && zeroPointOk;
    }
}
