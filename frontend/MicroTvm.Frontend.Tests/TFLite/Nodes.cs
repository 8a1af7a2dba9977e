using MicroTvm.IR;

namespace MicroTvm.Frontend.Tests.TFLite;

internal static class Nodes
{
    /// <summary>The one node of the main graph with the given op.</summary>
    public static Node Single(Module module, string op) => Assert.Single(module.Main.Nodes, n => n.Op.Name == op);

    public static long[] Ints(Node node, string attribute) => [.. node.GetInts(attribute)];
}
