using System.Reflection;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Passes;

/// <summary>One declared option of a pass: name, type, default (null when required) and description.</summary>
public sealed record PassOptionDescriptor(string Name, string Description, OptionType Type, PipelineValue? Default, PropertyInfo Property)
{
    public bool IsRequired => Default is null;
}
