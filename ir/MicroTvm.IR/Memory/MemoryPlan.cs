namespace MicroTvm.IR.Memory;

/// <summary>
/// The static memory plan of a module's main graph, made by <c>plan-memory</c>: the workspace
/// pools the application must provide and, for every intermediate buffer of the executor, its
/// pool and offset. Model inputs and outputs are placed too when the plan says it holds them
/// (<see cref="IoInPoolAttribute"/>, zero copy); otherwise the application supplies them.
/// <see cref="Attributes"/> records how the plan was made (e.g. <c>algorithm</c>).
/// Equality is structural.
/// </summary>
public sealed class MemoryPlan : IEquatable<MemoryPlan>
{
    /// <summary>
    /// The attribute (bool) that lets a call's result share bytes with an operand dying at that
    /// call, where <see cref="InPlaceAnalysis"/> proves it safe; without it no live buffers share bytes.
    /// </summary>
    public const string InPlaceAttribute = "in_place";

    /// <summary>The attribute (bool) saying the model's inputs and outputs are placed in the pools as well.</summary>
    public const string IoInPoolAttribute = "io_in_pool";

    /// <summary>The attribute (string) naming the algorithm that made the plan.</summary>
    public const string AlgorithmAttribute = "algorithm";

    public MemoryPlan(
        ImmutableArray<MemoryPool> pools,
        ImmutableArray<BufferPlacement> placements,
        ImmutableSortedDictionary<string, Attribute>? attributes = null)
    {
        Pools = pools.IsDefault ? [] : pools;
        Placements = placements.IsDefault ? [] : placements;
        Attributes = attributes ?? ImmutableSortedDictionary.Create<string, Attribute>(StringComparer.Ordinal);
    }

    public ImmutableArray<MemoryPool> Pools { get; }

    public ImmutableArray<BufferPlacement> Placements { get; }

    public ImmutableSortedDictionary<string, Attribute> Attributes { get; }

    /// <summary>Whether the model's inputs and outputs are placed in the pools (<see cref="IoInPoolAttribute"/>).</summary>
    public bool HoldsIo => Attributes.GetValueOrDefault(IoInPoolAttribute) is BoolAttribute { Value: true };

    public MemoryPool? FindPool(string name) => Pools.FirstOrDefault(pool => pool.Name == name);

    /// <summary>The placement of value <paramref name="value"/> itself, or of one of its producer's workspaces.</summary>
    public BufferPlacement? Find(string value, string? workspace = null) =>
        Placements.FirstOrDefault(p => p.Value == value && p.Workspace == workspace);

    public bool Equals(MemoryPlan? other) =>
        other is not null
        && Pools.SequenceEqual(other.Pools)
        && Placements.SequenceEqual(other.Placements)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(pair => other.Attributes.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));

    public override bool Equals(object? obj) => Equals(obj as MemoryPlan);

    public override int GetHashCode() => HashCode.Combine(Pools.Length, Placements.Length);
}
