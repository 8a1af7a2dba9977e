using System.Collections.Frozen;

namespace MicroTvm.IR.Verification;

/// <summary>
/// Which element types each op's operands may have. Type inference checks shapes and that
/// operands agree with each other; this table rejects what no kernel implements (a bool
/// convolution, an unquantized int8 sigmoid). Ops not listed move data and take any type.
/// </summary>
internal static class ElementTypeRules
{
    private static readonly ImmutableArray<ElementType> Numeric =
        [ElementType.F32, ElementType.I8, ElementType.U8, ElementType.I16, ElementType.I32, ElementType.I64];

    private static readonly ImmutableArray<ElementType> RealOrQuantized = [ElementType.F32, ElementType.I8, ElementType.U8, ElementType.I16];

    private static readonly ImmutableArray<ElementType> QuantizedStorage = [ElementType.I8, ElementType.U8, ElementType.I16, ElementType.I32];

    private static readonly FrozenDictionary<OpDefinition, ImmutableArray<ElementTypeRule>> ByOp = Build();

    public static IEnumerable<Problem> Check(Node node, ImmutableArray<TensorType?> operandTypes)
    {
        if (!ByOp.TryGetValue(node.Op, out var rules))
        {
            yield break;
        }

        for (var i = 0; i < operandTypes.Length; i++)
        {
            if (operandTypes[i] is not { } type)
            {
                continue;
            }

            foreach (var rule in rules)
            {
                if (!rule.Covers(i))
                {
                    continue;
                }

                var name = OperandArityRules.SpecAt(node.Op, i)?.Name ?? "?";
                if (!rule.Allowed.Contains(type.ElementType))
                {
                    yield return new Problem(
                        VerifierDiagnosticIds.UnsupportedElementType,
                        $"operand {i} '{name}' must be {string.Join(", ", rule.Allowed.Select(t => t.Mnemonic()))} but is {TypeSpelling.Of(type)}");
                }
                else if (rule.IntegersMustBeQuantized && type.ElementType.IsInteger() && !type.IsQuantized)
                {
                    yield return new Problem(
                        VerifierDiagnosticIds.UnquantizedInteger,
                        $"operand {i} '{name}' is {TypeSpelling.Of(type)}: {node.Op.Name} computes on real values, so integer operands must be quantized");
                }
            }
        }
    }

    private static FrozenDictionary<OpDefinition, ImmutableArray<ElementTypeRule>> Build()
    {
        var rules = new Dictionary<OpDefinition, ImmutableArray<ElementTypeRule>>(ReferenceEqualityComparer.Instance);
        ImmutableArray<ElementTypeRule> weighted =
        [
            new([0], RealOrQuantized, true),
            new([1], [ElementType.F32, ElementType.I8, ElementType.U8], true),
            new([2], [ElementType.F32, ElementType.I32, ElementType.I64], false),
        ];
        foreach (var op in new[] { Ops.Conv, Ops.DepthwiseConv, Ops.ConvTranspose, Ops.FullyConnected })
        {
            rules.Add(op, weighted);
        }

        foreach (var op in new[] { Ops.MatMul, Ops.BatchMatMul })
        {
            rules.Add(op, [new(null, RealOrQuantized, true)]);
        }

        foreach (var op in new[] { Ops.MaxPool, Ops.AvgPool, Ops.GlobalAvgPool, Ops.GlobalMaxPool })
        {
            rules.Add(op, [new(null, RealOrQuantized, false)]);
        }

        foreach (var op in new[]
                 {
                     Ops.Add, Ops.Sub, Ops.Mul, Ops.Div, Ops.Maximum, Ops.Minimum, Ops.Relu, Ops.Relu6, Ops.Clip,
                     Ops.LeakyRelu, Ops.Prelu, Ops.HardSwish, Ops.Abs, Ops.Neg, Ops.Mean, Ops.Sum, Ops.ReduceMax, Ops.ReduceMin,
                 })
        {
            rules.Add(op, [new(null, Numeric, false)]);
        }

        foreach (var op in new[]
                 {
                     Ops.Sigmoid, Ops.HardSigmoid, Ops.Tanh, Ops.Exp, Ops.Log, Ops.Sqrt, Ops.Rsqrt, Ops.Softmax, Ops.LogSoftmax,
                     Ops.UnidirectionalSequenceLstm,
                 })
        {
            rules.Add(op, [new([0], RealOrQuantized, true)]);
        }

        rules.Add(Ops.BatchNorm, [new(null, [ElementType.F32], false)]);
        rules.Add(Ops.Quantize, [new(null, [ElementType.F32], false)]);
        rules.Add(Ops.Dequantize, [new(null, QuantizedStorage, true)]);
        rules.Add(Ops.Requantize, [new(null, QuantizedStorage, true)]);
        return rules.ToFrozenDictionary(ReferenceEqualityComparer.Instance);
    }
}
