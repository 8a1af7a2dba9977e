using System.Reflection;

namespace MicroTvm.Passes;

public sealed record AnchorDescriptor(string Name, string Summary, Type Type)
{
    public static AnchorDescriptor FromType(Type type)
    {
        var declaration = type.GetCustomAttribute<NestingAnchorAttribute>()
            ?? throw new PassDeclarationException($"{type.FullName} has no [NestingAnchor] attribute");
        if (!typeof(NestingAnchor).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PassDeclarationException($"anchor '{declaration.Name}' ({type.FullName}) must be a concrete NestingAnchor with a public parameterless constructor");
        }

        return new AnchorDescriptor(declaration.Name, declaration.Summary, type);
    }

    public NestingAnchor Create() => (NestingAnchor)Activator.CreateInstance(Type)!;
}
