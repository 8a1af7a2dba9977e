using MicroTvm.Passes.Rewriting;

namespace MicroTvm.Passes;

/// <summary>Reshape-like ops to reshape, reshape and transpose chains merged, no-op reshapes and identity transposes removed.</summary>
public sealed partial class CanonicalizePass
{
    private CanonicalRewrite AsReshape(Node node, GraphRewriter rewriter)
    {
        var shape = new IntListAttribute([.. node.Result.Type.Shape.Select(d => (long)d)]);
        var attributes = ImmutableSortedDictionary.Create<string, IR.Attribute>(StringComparer.Ordinal).Add("shape", shape);
        var reshape = new Node(Ops.Reshape, [node.Operands[0]], node.Results, attributes, node.Location);
        return rewriter.InfersDeclaredTypes(reshape) ? CanonicalRewrite.With(reshape, NumReshapeForms) : CanonicalRewrite.None;
    }

    private CanonicalRewrite Reshape(Node node, GraphRewriter rewriter)
    {
        var input = node.Operands[0];
        if (SameType(rewriter, input, node))
        {
            return CanonicalRewrite.ReplaceBy(input, NumNoopReshapes);
        }

        if (rewriter.Producer(input) is { } producer && producer.Op == Ops.Reshape)
        {
            var merged = node.WithOperands([producer.Operands[0]]);
            if (rewriter.InfersDeclaredTypes(merged))
            {
                return CanonicalRewrite.With(merged, NumReshapesMerged);
            }
        }

        return CanonicalRewrite.None;
    }

    private CanonicalRewrite Transpose(Node node, GraphRewriter rewriter)
    {
        var input = node.Operands[0];
        if (node.GetAttribute("perm") is not IntListAttribute { Values: var perm })
        {
            return CanonicalRewrite.None;
        }

        if (perm.Select((p, i) => p == i).All(identity => identity) && SameType(rewriter, input, node))
        {
            return CanonicalRewrite.ReplaceBy(input, NumIdentityTransposes);
        }

        if (rewriter.Producer(input) is { } producer && producer.Op == Ops.Transpose
            && producer.GetAttribute("perm") is IntListAttribute { Values: var inner }
            && perm.All(p => p >= 0 && p < inner.Length))
        {
            var composed = new IntListAttribute([.. perm.Select(p => inner[(int)p])]);
            var merged = new Node(Ops.Transpose, [producer.Operands[0]], node.Results, node.Attributes.SetItem("perm", composed), node.Location);
            if (rewriter.InfersDeclaredTypes(merged))
            {
                return CanonicalRewrite.With(merged, NumTransposesMerged);
            }
        }

        return CanonicalRewrite.None;
    }
}
