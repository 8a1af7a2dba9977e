namespace MicroTvm.Passes;

/// <summary>
/// Groups ops into primitive functions, each to become one kernel: TVM's fuse_ops algorithm.
/// <code>
///   Every op has a pattern (Ops.cs), from most to least fusable:
///   elementwise &lt; broadcast &lt; injective &lt; reduce &lt; out-elementwise-fusable &lt; opaque.
///
///   A node fuses into its immediate post-dominator P (the first node every path from it to a
///   graph output must pass), together with every node on the paths in between, when they
///   all keep the rule of the node's group:
///
///        conv            out-elementwise-fusable: only if every edge up to P is elementwise
///       /    \           (a broadcast op whose operand already has the result's shape) and
///     relu   mul         every group on the way is at most broadcast (phase 0 only)
///       \    /
///        add  = P        elementwise/broadcast: if the way to P is at most injective (or ends
///         |              in a reduction); the nodes on it may be injective, P may be anything
///       reshape          fusable, even a group that already holds a conv
///         |
///        sum             injective: only along injective paths, and only in phase 1, once
///                        every conv has taken its elementwise consumers; reductions start groups
///
///   Post-dominators (DominatorTree.PostDominators, a virtual sink after the graph outputs)
///   make the rule safe: everything between a node and P ends up in one group, so a group has
///   one output node (its root), and no value leaves a group to come back into it.
///   Groups are a union-find (FusionGroup); no fusion makes a group larger than max-depth ops.
///
///   Phase 0: out-elementwise-fusable ops, elementwise and broadcast ops.
///   Phase 1: the same for elementwise/broadcast, plus injective ops.
///   (TVM's phase 2 fuses into intermediate tuples; the catalog has no tuple op.)
/// </code>
/// Rewrite: each group of two or more ops becomes a graph <c>@fused_&lt;ops&gt;_&lt;n&gt;</c>
/// with <c>primitive = true</c>, whose inputs <c>%p0 …</c> are the values it reads from outside;
/// the group's nodes are replaced by one <c>call</c> at the root's place, whose results keep the
/// root's names. Constants are never members: each group gets its own copy of every constant it
/// reads (the same <see cref="TensorData"/>, no bytes copied), so each function can be
/// specialised to its weights; a constant stays in the caller only while the caller still reads it.
/// An op that fuses with nothing stays a plain node: it is one kernel already, and lowering
/// treats a plain op and a one-op group alike, so wrapping it would add a graph and a call for
/// nothing. Graphs marked <c>primitive</c> are never fused again.
/// </summary>
[Pass(
    "fuse-ops",
    "group ops into primitive functions (TVM's fuse_ops)",
    Description = "Partitions every non-primitive graph with TVM's post-dominator fusion rules (conv/fully-connected/pooling "
        + "with their elementwise consumers, elementwise and broadcast ops into anything fusable, injective chains, "
        + "elementwise and broadcast producers into reductions) and turns each group of two or more ops into a graph "
        + "`fused_<ops>_<n>` with `primitive = true`, called with `call`. Constants a group reads move into its graph.")]
public sealed partial class FuseOpsPass : Pass
{
    /// <summary>The graph attribute that marks a fused group.</summary>
    public const string PrimitiveAttribute = "primitive";

    [PassOption("max-depth", "maximum number of ops in one group (TVM's max_fuse_depth)")]
    public int MaxDepth { get; set; } = 256;

    [PassStatistic("num-groups", "groups of two or more ops made into primitive graphs")]
    public PassStatistic NumGroups { get; } = new();

    [PassStatistic("num-partitions", "kernels the graphs become: groups plus the ops that fuse with nothing")]
    public PassStatistic NumPartitions { get; } = new();

    [PassStatistic("num-fused-ops", "ops moved into groups")]
    public PassStatistic NumFusedOps { get; } = new();

    [PassStatistic("max-group-size", "ops in the largest group")]
    public PassStatistic MaxGroupSize { get; } = new();

    public override Module Run(Module module, PassContext context)
    {
        if (MaxDepth < 1)
        {
            context.Error(PassDiagnosticIds.FuseOpsMaxDepth, $"fuse-ops: max-depth must be at least 1, not {MaxDepth}", location: null);
            return module;
        }

        var names = new FunctionNames(module);
        var graphs = ImmutableArray.CreateBuilder<Graph>(module.Graphs.Length);
        var functions = new List<Graph>();
        foreach (var graph in module.Graphs)
        {
            if (IsPrimitive(graph))
            {
                graphs.Add(graph);
                continue;
            }

            var groups = Partition(graph, MaxDepth);
            var ops = graph.Nodes.Count(node => !ReferenceEquals(node.Op, Ops.Constant));
            NumPartitions.Add(ops - groups.Sum(group => group.Length) + groups.Count);
            graphs.Add(groups.Count == 0 ? graph : Rewrite(graph, groups, names, functions));
        }

        return functions.Count == 0 ? module : module.WithGraphs([.. graphs, .. functions]);
    }

    public static bool IsPrimitive(Graph graph) =>
        graph.Attributes.TryGetValue(PrimitiveAttribute, out var value) && value is BoolAttribute { Value: true };
}
