namespace MicroTvm.Passes;

/// <summary>
/// What one canonicalization rule does to a node: nothing, a new node in its place (same
/// results), or its result replaced by an existing value; <see cref="Counter"/> counts it once applied.
/// </summary>
internal readonly record struct CanonicalRewrite(Node? Node, string? Replacement, PassStatistic? Counter)
{
    public static CanonicalRewrite None => default;

    public bool Applied => Node is not null || Replacement is not null;

    public static CanonicalRewrite With(Node node, PassStatistic counter) => new(node, null, counter);

    public static CanonicalRewrite ReplaceBy(string value, PassStatistic counter) => new(null, value, counter);
}
