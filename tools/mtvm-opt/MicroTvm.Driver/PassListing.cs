using System.Text;
using MicroTvm.Passes;

namespace MicroTvm.Driver;

/// <summary>
/// Renders the declarations of a registry: a terminal listing for <c>--list-passes</c>, and
/// Markdown for <c>docs/passes.md</c> (which is generated from it, never edited by hand).
/// </summary>
public static class PassListing
{
    public static string Text(PassRegistry registry)
    {
        var builder = new StringBuilder("Passes:\n");
        foreach (var pass in registry.Passes)
        {
            builder.Append("  ").Append(pass.Name).Append("  ").Append(pass.Summary).Append('\n');
            foreach (var option in pass.Options)
            {
                builder.Append("      ").Append(option.Name).Append(": ").Append(option.Type.DisplayName)
                    .Append(option.Default is { } value ? $" = {value}" : " (required)")
                    .Append("  ").Append(option.Description).Append('\n');
            }

            foreach (var statistic in pass.Statistics)
            {
                builder.Append("      statistic ").Append(statistic.Name).Append("  ").Append(statistic.Description).Append('\n');
            }
        }

        builder.Append("Anchors (each <anchor> { ... }):\n");
        foreach (var anchor in registry.Anchors)
        {
            builder.Append("  ").Append(anchor.Name).Append("  ").Append(anchor.Summary).Append('\n');
        }

        return builder.ToString();
    }

    public static string Markdown(PassRegistry registry)
    {
        var builder = new StringBuilder()
            .Append("# Passes\n\n")
            .Append("<!-- Generated from the pass declarations by `mtvm-opt --list-passes --format markdown`; do not edit.\n")
            .Append("     PassDocumentationTests fails when this file is stale; MTVM_TEST_BLESS=1 rewrites it. -->\n\n")
            .Append("Use a pass in a `.pass` pipeline by its name, with options in braces: `name { option = value }`.\n");
        foreach (var pass in registry.Passes)
        {
            builder.Append("\n## `").Append(pass.Name).Append("`\n\n").Append(pass.Summary).Append(".\n");
            if (pass.Description.Length > 0)
            {
                builder.Append('\n').Append(pass.Description).Append('\n');
            }

            if (pass.Options.Length > 0)
            {
                builder.Append("\n| option | type | default | description |\n|---|---|---|---|\n");
                foreach (var option in pass.Options)
                {
                    var defaultValue = option.Default is { } value ? $"`{value}`" : "required";
                    builder.Append($"| `{option.Name}` | `{option.Type.DisplayName}` | {defaultValue} | {option.Description} |\n");
                }
            }

            if (pass.Statistics.Length > 0)
            {
                builder.Append("\n| statistic | description |\n|---|---|\n");
                foreach (var statistic in pass.Statistics)
                {
                    builder.Append($"| `{statistic.Name}` | {statistic.Description} |\n");
                }
            }
        }

        builder.Append("\n## Nesting anchors\n\n`each <anchor> { … }` runs the nested steps on every unit of the anchor.\n\n| anchor | runs on |\n|---|---|\n");
        foreach (var anchor in registry.Anchors)
        {
            builder.Append($"| `{anchor.Name}` | {anchor.Summary} |\n");
        }

        return builder.ToString();
    }
}
