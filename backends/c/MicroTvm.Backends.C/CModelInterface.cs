using MicroTvm.IR.Executor;

namespace MicroTvm.Backends.C;

/// <summary>The C spelling of a <see cref="ModelInterface"/>: struct member names and macro prefixes (docs/runtime.md, "Names").</summary>
public sealed class CModelInterface
{
    public CModelInterface(ModelInterface model)
    {
        Model = model;
        CName = CModelNames.Of(model.Name);
        Macro = CName.ToUpperInvariant();
        Inputs = CModelNames.OfList(model.Inputs.Select(t => t.Name));
        Outputs = CModelNames.OfList(model.Outputs.Select(t => t.Name));
        Pools = CModelNames.OfList(model.Pools.Select(p => p.Name));
    }

    public ModelInterface Model { get; }

    /// <summary>C(model name): <c>tiny_cnn</c>, the lower-case part of every generated identifier.</summary>
    public string CName { get; }

    /// <summary>Upper-case <see cref="CName"/>: <c>TINY_CNN</c> in <c>MTVMGEN_TINY_CNN_…</c>.</summary>
    public string Macro { get; }

    public ImmutableArray<string> Inputs { get; }

    public ImmutableArray<string> Outputs { get; }

    public ImmutableArray<string> Pools { get; }

    public string Prefix => $"mtvmgen_{CName}";

    public string MacroPrefix => $"MTVMGEN_{Macro}";

    public string InputMacro(int i, string field) => $"{MacroPrefix}_INPUT_{Inputs[i].ToUpperInvariant()}_{field}";

    public string OutputMacro(int i, string field) => $"{MacroPrefix}_OUTPUT_{Outputs[i].ToUpperInvariant()}_{field}";

    public string PoolMacro(int i, string field) => $"{MacroPrefix}_POOL_{Pools[i].ToUpperInvariant()}_{field}";

    public static string Describe(InterfaceTensor tensor) =>
        $"{CLiterals.Comment(tensor.Name)}: {tensor.Dtype} [{string.Join(", ", tensor.Type.Shape)}]";
}
