using System.Collections.Frozen;

namespace MicroTvm.IR;

/// <summary>Finds op definitions by name. Read-only: the catalog is <see cref="Ops.All"/>.</summary>
public static class OpRegistry
{
    private static readonly FrozenDictionary<string, OpDefinition> ByName =
        Ops.All.ToFrozenDictionary(op => op.Name, StringComparer.Ordinal);

    public static ImmutableArray<OpDefinition> All => Ops.All;

    public static bool TryFind(string name, out OpDefinition definition) =>
        ByName.TryGetValue(name, out definition!);

    public static OpDefinition Get(string name) =>
        TryFind(name, out var definition) ? definition : throw new KeyNotFoundException($"unknown op '{name}'");
}
