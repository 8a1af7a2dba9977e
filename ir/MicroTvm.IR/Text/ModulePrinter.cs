using System.Globalization;
using System.Text;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Memory;

namespace MicroTvm.IR.Text;

/// <summary>
/// Prints modules and graphs in the <c>.mir</c> text format (docs/text-format.md): the header,
/// the graphs, then the kernels as <see cref="KernelPrinter"/> writes them, then the memory plan. The output parses
/// back to an equal module, and printing that module gives the same text.
/// </summary>
public static class ModulePrinter
{
    private const string Indent = "  ";

    public static string Print(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var builder = new StringBuilder();
        if (module.Attributes.Count > 0)
        {
            builder.Append("module ").Append(AttributePrinter.Dictionary(module.Attributes)).Append('\n');
        }

        foreach (var graph in module.Graphs)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            AppendGraph(builder, graph);
        }

        foreach (var kernel in module.Kernels)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(KernelPrinter.Print(kernel));
        }

        if (module.MemoryPlan is { } plan)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            AppendMemoryPlan(builder, plan);
        }

        return builder.ToString();
    }

    public static string Print(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var builder = new StringBuilder();
        AppendGraph(builder, graph);
        return builder.ToString();
    }

    private static void AppendGraph(StringBuilder builder, Graph graph)
    {
        builder.Append("graph ").Append(TextLiterals.GraphName(graph.Name)).Append('(');
        builder.AppendJoin(", ", graph.Inputs.Select(input => $"{TextLiterals.ValueName(input.Name)}: {TypePrinter.Print(input.Type)}"));
        builder.Append(')');
        if (graph.Attributes.Count > 0)
        {
            builder.Append(" attributes ").Append(AttributePrinter.Dictionary(graph.Attributes));
        }

        builder.Append(" {\n");
        foreach (var node in graph.Nodes)
        {
            AppendNode(builder.Append(Indent), node);
            builder.Append('\n');
        }

        builder.Append(Indent).Append("return");
        if (graph.Outputs.Length > 0)
        {
            builder.Append(' ').AppendJoin(", ", graph.Outputs.Select(TextLiterals.ValueName));
        }

        builder.Append("\n}\n");
    }

    private static void AppendMemoryPlan(StringBuilder builder, MemoryPlan plan)
    {
        builder.Append("memory_plan ");
        if (plan.Attributes.Count > 0)
        {
            builder.Append(AttributePrinter.Dictionary(plan.Attributes)).Append(' ');
        }

        builder.Append("{\n");
        foreach (var pool in plan.Pools)
        {
            builder.Append(Indent).Append("pool ").Append(TextLiterals.GraphName(pool.Name))
                .Append(CultureInfo.InvariantCulture, $" {{alignment = {pool.Alignment}, bytes = {pool.Bytes}}}\n");
        }

        foreach (var placement in plan.Placements)
        {
            builder.Append(Indent).Append(TextLiterals.ValueName(placement.Value));
            if (placement.Workspace is not null)
            {
                builder.Append(" workspace ").Append(TextLiterals.KernelName(placement.Workspace));
            }

            builder.Append(" = ").Append(TextLiterals.GraphName(placement.Pool))
                .Append(CultureInfo.InvariantCulture, $"[{placement.Offset}]\n");
        }

        builder.Append("}\n");
    }

    private static void AppendNode(StringBuilder builder, Node node)
    {
        if (node.Results.Length > 0)
        {
            builder.AppendJoin(", ", node.Results.Select(result => TextLiterals.ValueName(result.Name))).Append(" = ");
        }

        builder.Append(node.Op.Name);
        if (node.Operands.Length > 0)
        {
            builder.Append('(')
                .AppendJoin(", ", node.Operands.Select(operand => operand.Length == 0 ? "_" : TextLiterals.ValueName(operand)))
                .Append(')');
        }

        if (node.Attributes.Count > 0)
        {
            builder.Append(' ').Append(AttributePrinter.Dictionary(node.Attributes));
        }

        if (node.Results.Length > 0)
        {
            builder.Append(" : ").AppendJoin(", ", node.Results.Select(result => TypePrinter.Print(result.Type)));
        }
    }
}
