using System.Reflection;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Passes;

/// <summary>
/// Everything declared about one pass, read once from its attributes: name, summary,
/// description, options and statistics. Creates configured instances for runs.
/// </summary>
public sealed class PassDescriptor
{
    private PassDescriptor(Type type, PassAttribute declaration, ImmutableArray<PassOptionDescriptor> options, ImmutableArray<PassStatisticDescriptor> statistics)
    {
        Type = type;
        Name = declaration.Name;
        Summary = declaration.Summary;
        Description = declaration.Description;
        Options = options;
        Statistics = statistics;
    }

    public Type Type { get; }

    public string Name { get; }

    public string Summary { get; }

    public string Description { get; }

    /// <summary>In declaration order.</summary>
    public ImmutableArray<PassOptionDescriptor> Options { get; }

    public ImmutableArray<PassStatisticDescriptor> Statistics { get; }

    public PassOptionDescriptor? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);

    /// <summary>Reads the declaration of a pass class; throws <see cref="PassDeclarationException"/> when it is unusable.</summary>
    public static PassDescriptor FromType(Type type)
    {
        var declaration = type.GetCustomAttribute<PassAttribute>()
            ?? throw new PassDeclarationException($"{type.FullName} has no [Pass] attribute");
        if (!typeof(Pass).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PassDeclarationException($"pass '{declaration.Name}' ({type.FullName}) must be a concrete Pass with a public parameterless constructor");
        }

        var prototype = (Pass)Activator.CreateInstance(type)!;
        var options = ImmutableArray.CreateBuilder<PassOptionDescriptor>();
        var statistics = ImmutableArray.CreateBuilder<PassStatisticDescriptor>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetCustomAttribute<PassOptionAttribute>() is { } option)
            {
                var optionType = OptionType.FromClr(property.PropertyType)
                    ?? throw new PassDeclarationException($"option '{option.Name}' of pass '{declaration.Name}' has unsupported type {property.PropertyType.Name}");
                if (!property.CanWrite)
                {
                    throw new PassDeclarationException($"option '{option.Name}' of pass '{declaration.Name}' needs a setter");
                }

                var initial = property.GetValue(prototype);
                var defaultValue = option.Required || initial is null ? null : optionType.FromClr(initial);
                options.Add(new PassOptionDescriptor(option.Name, option.Description, optionType, defaultValue, property));
            }

            if (property.GetCustomAttribute<PassStatisticAttribute>() is { } statistic)
            {
                if (property.PropertyType != typeof(PassStatistic))
                {
                    throw new PassDeclarationException($"statistic '{statistic.Name}' of pass '{declaration.Name}' must be a PassStatistic");
                }

                statistics.Add(new PassStatisticDescriptor(statistic.Name, statistic.Description, property));
            }
        }

        return new PassDescriptor(type, declaration, options.ToImmutable(), statistics.ToImmutable());
    }

    /// <summary>A fresh instance with the given (checked, complete) option values.</summary>
    public Pass Create(IReadOnlyDictionary<string, PipelineValue> options)
    {
        var pass = (Pass)Activator.CreateInstance(Type)!;
        foreach (var option in Options)
        {
            if (options.TryGetValue(option.Name, out var value))
            {
                option.Property.SetValue(pass, option.Type.ToClr(value));
            }
        }

        return pass;
    }

    /// <summary>The counters of an instance after its run, in declaration order.</summary>
    public ImmutableArray<StatisticValue> ReadStatistics(Pass pass) =>
        [.. Statistics.Select(s => new StatisticValue(s.Name, ((PassStatistic)s.Property.GetValue(pass)!).Value))];
}
