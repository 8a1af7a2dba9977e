using MicroTvm.IR.Memory;

namespace MicroTvm.IR.Executor;

/// <summary>
/// What firmware sees of a compiled model: its inputs and outputs in the main graph's order (with
/// their places in the pools when the plan holds them) and the workspace pools of its memory plan. The C header, the model descriptor and metadata.json
/// are all written from this one description, so they cannot disagree.
/// </summary>
public sealed record ModelInterface(string Name, ImmutableArray<InterfaceTensor> Inputs, ImmutableArray<InterfaceTensor> Outputs, ImmutableArray<MemoryPool> Pools)
{
    /// <summary>The interface of a module built for the AOT executor and planned (it must verify).</summary>
    public static ModelInterface Of(Module module, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var main = module.Main;
        var alignments = PlannableBuffers.Alignments(module);
        var plan = module.MemoryPlan;
        var placed = plan?.HoldsIo == true;
        InterfaceTensor Tensor(Value v) => new(v.Name, v.Type, alignments[v.Name], placed ? plan!.Find(v.Name) : null);
        var inputs = main.Inputs.Select(Tensor);
        var outputs = main.Outputs.Select(o => main.Index.FindValue(o)!).Select(Tensor);
        return new ModelInterface(name, [.. inputs], [.. outputs], module.MemoryPlan?.Pools ?? []);
    }
}
