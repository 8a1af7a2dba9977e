using MicroTvm.Backends.C;
using MicroTvm.IR.Executor;

namespace MicroTvm.Driver.Output;

/// <summary>
/// One compiled model, everything the output writers need: the final module, its interface,
/// the generated C, the figures of the summary and metadata.json, and (when asked for) objects.
/// </summary>
internal sealed record CompiledModel(
    Module Module,
    ModelInterface Interface,
    CModelFiles Code,
    CompileTarget Target,
    int OpsIn,
    ImmutableArray<(string Name, byte[] Bytes)> Objects)
{
    public long ConstantBytes => Module.Main.Nodes
        .Where(n => ReferenceEquals(n.Op, Ops.Constant))
        .Sum(n => n.Results[0].Type.ByteSize);

    public long PoolBytes => Interface.Pools.Sum(p => p.Bytes);

    public int KernelCalls => Module.Main.Nodes.Count(n => ReferenceEquals(n.Op, Ops.KernelCall));

    public long Macs => Module.Main.Nodes.Sum(n => n.GetAttribute("macs") is IntAttribute { Value: var macs } ? macs : 0);
}
