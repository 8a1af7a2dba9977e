using System.Numerics;
using Antlr4.Runtime;
using MicroTvm.IR.Memory;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>
/// Builds a <see cref="MemoryPlan"/> from its syntax: checks the <c>memory_plan</c> and
/// <c>pool</c> keywords, the pools' <c>bytes</c> and <c>alignment</c>, and the offsets. Whether
/// the placements fit the graph is the verifier's business (<c>MemoryPlanVerifier</c>).
/// </summary>
internal sealed class MemoryPlanBuilder(LiteralReader literals, AttributeBuilder attributes, CleanSubtrees clean)
{
    public const string PlanKeyword = "memory_plan";
    public const string PoolKeyword = "pool";

    public MemoryPlan? Build(MirParser.MemoryPlanContext context)
    {
        var ok = Keyword(context.IDENT().Symbol, PlanKeyword);
        var planAttributes = context.attributeDictionary() is { } dictionary ? attributes.Build(dictionary, op: null) : ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
        ok &= planAttributes is not null;

        var pools = ImmutableArray.CreateBuilder<MemoryPool>();
        foreach (var poolContext in context.memoryPool())
        {
            var pool = clean.IsClean(poolContext) ? Pool(poolContext) : null;
            ok &= pool is not null;
            if (pool is not null)
            {
                pools.Add(pool);
            }
        }

        var placements = ImmutableArray.CreateBuilder<BufferPlacement>();
        foreach (var placementContext in context.bufferPlacement())
        {
            var placement = clean.IsClean(placementContext) ? Placement(placementContext) : null;
            ok &= placement is not null;
            if (placement is not null)
            {
                placements.Add(placement);
            }
        }

        return ok ? new MemoryPlan(pools.ToImmutable(), placements.ToImmutable(), planAttributes) : null;
    }

    private MemoryPool? Pool(MirParser.MemoryPoolContext context)
    {
        var ok = Keyword(context.IDENT().Symbol, PoolKeyword);
        var name = literals.Name(context.GRAPH_NAME().Symbol);
        var entries = attributes.Build(context.attributeDictionary(), op: null);
        if (name is null || entries is null || !ok)
        {
            return null;
        }

        var bytes = entries.GetValueOrDefault("bytes") as IntAttribute;
        var alignment = entries.GetValueOrDefault("alignment") as IntAttribute;
        var unknown = entries.Keys.Where(key => key is not ("bytes" or "alignment")).ToList();
        if (bytes is not { Value: >= 0 } || alignment is not { Value: >= 1 and <= int.MaxValue } || !BitOperations.IsPow2(alignment.Value) || unknown.Count > 0)
        {
            literals.Error(
                TextDiagnosticIds.InvalidPool,
                $"pool @{name} needs exactly {{alignment = <power of two>, bytes = <non-negative integer>}}"
                    + (unknown.Count > 0 ? $"; unknown key(s): {string.Join(", ", unknown)}" : string.Empty),
                context.Start);
            return null;
        }

        return new MemoryPool(name, bytes.Value, (int)alignment.Value);
    }

    private BufferPlacement? Placement(MirParser.BufferPlacementContext context)
    {
        var value = literals.Name(context.VALUE_NAME().Symbol);
        var workspace = context.kernelName() is { } workspaceName ? literals.KernelName(workspaceName) : null;
        var pool = literals.Name(context.GRAPH_NAME().Symbol);
        var offsetToken = context.INT().Symbol;
        var offsetOk = literals.TryInt64(offsetToken, out var offset);
        if (offsetOk && offset < 0)
        {
            literals.Error(TextDiagnosticIds.InvalidPool, $"offset {offset} must not be negative", offsetToken);
            offsetOk = false;
        }

        var ok = value is not null && pool is not null && offsetOk && (context.kernelName() is null || workspace is not null);
        return ok ? new BufferPlacement(value!, workspace, pool!, offset) : null;
    }

    private bool Keyword(IToken token, string keyword)
    {
        if (token.Text == keyword)
        {
            return true;
        }

        literals.Error(TextDiagnosticIds.UnknownDeclaration, $"expected '{keyword}', not '{token.Text}'", token);
        return false;
    }
}
