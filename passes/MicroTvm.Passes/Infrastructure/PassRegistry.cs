using System.Reflection;

namespace MicroTvm.Passes;

/// <summary>
/// The passes and nesting anchors of a set of assemblies, found by their attributes. Immutable:
/// loading a plugin makes a new registry. <see cref="Core"/> holds this assembly's passes.
/// </summary>
public sealed class PassRegistry
{
    private readonly ImmutableSortedDictionary<string, PassDescriptor> _passes;
    private readonly ImmutableSortedDictionary<string, AnchorDescriptor> _anchors;

    private PassRegistry(ImmutableSortedDictionary<string, PassDescriptor> passes, ImmutableSortedDictionary<string, AnchorDescriptor> anchors)
    {
        _passes = passes;
        _anchors = anchors;
    }

    public static PassRegistry Empty { get; } = new(
        ImmutableSortedDictionary.Create<string, PassDescriptor>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, AnchorDescriptor>(StringComparer.Ordinal));

    // Declared after Empty, which its initializer uses.
    public static PassRegistry Core { get; } = Empty.WithAssembly(typeof(PassRegistry).Assembly);

    /// <summary>By name.</summary>
    public IEnumerable<PassDescriptor> Passes => _passes.Values;

    public IEnumerable<AnchorDescriptor> Anchors => _anchors.Values;

    public PassDescriptor? FindPass(string name) => _passes.GetValueOrDefault(name);

    public AnchorDescriptor? FindAnchor(string name) => _anchors.GetValueOrDefault(name);

    /// <summary>Adds the declared passes and anchors of an assembly; throws <see cref="PassDeclarationException"/> on a bad or duplicate declaration.</summary>
    public PassRegistry WithAssembly(Assembly assembly)
    {
        var passes = _passes.ToBuilder();
        var anchors = _anchors.ToBuilder();
        foreach (var type in assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsDefined(typeof(PassAttribute), inherit: false))
            {
                var pass = PassDescriptor.FromType(type);
                if (!passes.TryAdd(pass.Name, pass))
                {
                    throw new PassDeclarationException($"pass '{pass.Name}' of {type.FullName} is already declared by {passes[pass.Name].Type.FullName}");
                }
            }

            if (type.IsDefined(typeof(NestingAnchorAttribute), inherit: false))
            {
                var anchor = AnchorDescriptor.FromType(type);
                if (!anchors.TryAdd(anchor.Name, anchor))
                {
                    throw new PassDeclarationException($"anchor '{anchor.Name}' of {type.FullName} is already declared by {anchors[anchor.Name].Type.FullName}");
                }
            }
        }

        return new PassRegistry(passes.ToImmutable(), anchors.ToImmutable());
    }
}
