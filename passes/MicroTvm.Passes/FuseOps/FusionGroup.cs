using System.Diagnostics;

namespace MicroTvm.Passes;

/// <summary>
/// One set of fuse-ops' union-find (TVM's <c>GraphPartitioner::Group</c>). The representative
/// stands for the whole group: its <see cref="Pattern"/> is the group's pattern (an
/// out-elementwise-fusable anchor makes the whole group so), its <see cref="Size"/> the number of
/// ops. Merging always makes the post-dominator's group the representative, so the representative
/// is the group's output node. Lives for one pass run.
/// </summary>
internal sealed class FusionGroup(PatternKind pattern)
{
    private FusionGroup? _parent;

    public PatternKind Pattern { get; private set; } = pattern;

    /// <summary>Whether the group holds an out-elementwise-fusable op (at most one: conv, fully-connected, pooling …).</summary>
    public bool HasAnchor { get; private set; } = pattern == PatternKind.OutElementwiseFusable;

    public int Size { get; private set; } = 1;

    /// <summary>The representative, compressing the path to it.</summary>
    public FusionGroup FindRoot()
    {
        var root = this;
        while (root._parent is not null)
        {
            root = root._parent;
        }

        for (var group = this; group._parent is not null;)
        {
            var next = group._parent;
            group._parent = root;
            group = next;
        }

        return root;
    }

    /// <summary>Puts this node's group under <paramref name="target"/>'s (TVM's <c>MergeFromTo</c>).</summary>
    public void MergeInto(FusionGroup target)
    {
        var child = FindRoot();
        var parent = target.FindRoot();
        if (ReferenceEquals(child, parent))
        {
            return;
        }

        parent.Size += child.Size;
        child._parent = parent;
        if (child.HasAnchor)
        {
            Debug.Assert(!parent.HasAnchor, "two out-elementwise-fusable ops never share a group");
            parent.HasAnchor = true;
            parent.Pattern = child.Pattern > parent.Pattern ? child.Pattern : parent.Pattern;
        }
    }
}
