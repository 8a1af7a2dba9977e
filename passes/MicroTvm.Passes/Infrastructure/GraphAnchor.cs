namespace MicroTvm.Passes;

/// <summary>Runs the nested steps on every graph, each as a one-graph module with the module's attributes and kernels.</summary>
[NestingAnchor("graph", "every graph of the module, one at a time")]
public sealed class GraphAnchor : NestingAnchor
{
    public override Module? Apply(Module module, Func<Module, Module?> runNested)
    {
        var graphs = ImmutableArray.CreateBuilder<Graph>(module.Graphs.Length);
        foreach (var graph in module.Graphs)
        {
            if (runNested(new Module([graph], module.Attributes, module.Kernels)) is not { } result)
            {
                return null;
            }

            graphs.AddRange(result.Graphs);
        }

        return module.WithGraphs(graphs.ToImmutable());
    }
}
