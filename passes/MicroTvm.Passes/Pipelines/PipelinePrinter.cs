using System.Text;

namespace MicroTvm.Passes.Pipelines;

/// <summary>
/// Canonical <c>.pass</c> text: one step per line, two-space indentation, options in braces
/// separated by ", ". Parsing the output gives back an equal syntax tree.
/// </summary>
public static class PipelinePrinter
{
    public static string Print(PipelineFile file)
    {
        var builder = new StringBuilder();
        foreach (var include in file.Includes)
        {
            builder.Append("include ").Append(new StringValue(include.Path)).Append('\n');
        }

        foreach (var pipeline in file.Pipelines)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(Print(pipeline));
        }

        return builder.ToString();
    }

    public static string Print(PipelineDeclaration pipeline)
    {
        var builder = new StringBuilder("pipeline ").Append(pipeline.Name);
        if (pipeline.Parameters.Length > 0)
        {
            builder.Append('(')
                .AppendJoin(", ", pipeline.Parameters.Select(p => p.Default is null ? p.Name : $"{p.Name} = {p.Default}"))
                .Append(')');
        }

        builder.Append(" {\n");
        AppendSteps(builder, pipeline.Steps, "  ");
        return builder.Append("}\n").ToString();
    }

    /// <summary>Steps on one line, separated by ", ": the form of <c>--pass-pipeline</c> and test headers.</summary>
    public static string PrintInline(IEnumerable<PipelineStep> steps) => string.Join(", ", steps.Select(PrintStep));

    public static string PrintStep(PipelineStep step) => step switch
    {
        PassInvocation { Options.Length: 0 } pass => pass.Name,
        PassInvocation pass => $"{pass.Name} {{ {string.Join(", ", pass.Options)} }}",
        NestedPipeline nested => $"each {nested.Anchor} {{ {PrintInline(nested.Steps)} }}",
        _ => throw new ArgumentException($"unexpected step {step}", nameof(step)),
    };

    private static void AppendSteps(StringBuilder builder, ImmutableArray<PipelineStep> steps, string indent)
    {
        foreach (var step in steps)
        {
            if (step is NestedPipeline nested)
            {
                builder.Append(indent).Append("each ").Append(nested.Anchor).Append(" {\n");
                AppendSteps(builder, nested.Steps, indent + "  ");
                builder.Append(indent).Append("}\n");
            }
            else
            {
                builder.Append(indent).Append(PrintStep(step)).Append('\n');
            }
        }
    }
}
