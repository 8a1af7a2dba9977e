using System.Reflection;

namespace MicroTvm.Passes;

/// <summary>One declared counter of a pass.</summary>
public sealed record PassStatisticDescriptor(string Name, string Description, PropertyInfo Property);
