using System.Text;
using MicroTvm.IR.Executor;

namespace MicroTvm.Backends.C;

/// <summary>The per-model header of docs/runtime.md ("Header"): counts, size macros, typed structs, descriptor, run function.</summary>
internal static class CModelHeaderWriter
{
    public static string Write(CModelInterface c, string banner)
    {
        var model = c.Model;
        var guard = $"{c.MacroPrefix}_H_";
        var text = new StringBuilder();
        text.Append(banner)
            .Append($"#ifndef {guard}\n#define {guard}\n\n")
            .Append("#include <stdint.h>\n\n#include \"mtvm/runtime.h\"\n\n")
            .Append("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n")
            .Append($"#define {c.MacroPrefix}_NUM_INPUTS {model.Inputs.Length}\n")
            .Append($"#define {c.MacroPrefix}_NUM_OUTPUTS {model.Outputs.Length}\n")
            .Append($"#define {c.MacroPrefix}_NUM_POOLS {model.Pools.Length}\n");
        for (var i = 0; i < model.Inputs.Length; i++)
        {
            Macros(text, model.Inputs[i].Name, model.Inputs[i].Bytes, model.Inputs[i].Alignment, field => c.InputMacro(i, field));
            PoolOffset(text, model.Inputs[i], field => c.InputMacro(i, field));
        }

        for (var i = 0; i < model.Outputs.Length; i++)
        {
            Macros(text, model.Outputs[i].Name, model.Outputs[i].Bytes, model.Outputs[i].Alignment, field => c.OutputMacro(i, field));
            PoolOffset(text, model.Outputs[i], field => c.OutputMacro(i, field));
        }

        for (var i = 0; i < model.Pools.Length; i++)
        {
            Macros(text, model.Pools[i].Name, model.Pools[i].Bytes, model.Pools[i].Alignment, field => c.PoolMacro(i, field));
        }

        text.Append("\n/* Input buffers, one member per model input, in metadata.json order. */\n");
        Struct(text, $"{c.Prefix}_inputs", model.Inputs.Select((t, i) => Member(t, c.Inputs[i])));
        text.Append("\n/* Output buffers, one member per model output, in metadata.json order. */\n");
        Struct(text, $"{c.Prefix}_outputs", model.Outputs.Select((t, i) => Member(t, c.Outputs[i])));
        text.Append("\n/* The pools' bases as the generated code sees them, in metadata.json order. */\n");
        Struct(text, $"{c.Prefix}_workspaces", model.Pools.Select((p, i) =>
            $"uint8_t* {c.Pools[i]}; /* {CLiterals.Comment(p.Name)}: {p.Bytes} bytes, aligned to {p.Alignment} */"));
        text.Append("\n/* The model descriptor, for mtvm_run and tools. */\n")
            .Append($"extern const mtvm_model_t {c.Prefix}_model;\n\n")
            .Append($"/* mtvm_run(&{c.Prefix}_model, inputs, outputs, context). */\n")
            .Append($"mtvm_status_t {c.Prefix}_run(const struct {c.Prefix}_inputs* inputs,\n")
            .Append($"    struct {c.Prefix}_outputs* outputs,\n    mtvm_context_t* context);\n\n");
        IoInPools(text, c);
        text.Append("#ifdef __cplusplus\n}\n#endif\n\n")
            .Append($"#endif /* {guard} */\n");
        return text.ToString();
    }

    private static void Macros(StringBuilder text, string name, long bytes, int alignment, Func<string, string> macro) =>
        text.Append('\n')
            .Append($"#define {macro("NAME")} {CLiterals.String(name)}\n")
            .Append($"#define {macro("SIZE")} {bytes}\n")
            .Append($"#define {macro("ALIGNMENT")} {alignment}\n");

    private static void PoolOffset(StringBuilder text, InterfaceTensor tensor, Func<string, string> macro)
    {
        if (tensor.Placement is { } placement)
        {
            text.Append($"#define {macro("POOL_OFFSET")} {placement.Offset} /* in pool {CLiterals.Comment(placement.Pool)} */\n");
        }
    }

    /// <summary>With the model's I/O planned into the pools, the function that points the I/O structs at their places.</summary>
    private static void IoInPools(StringBuilder text, CModelInterface c)
    {
        var model = c.Model;
        if (!model.Inputs.Concat(model.Outputs).Any(t => t.Placement is not null))
        {
            return;
        }

        text.Append("/* The inputs and outputs live in the pools (zero copy): point the structs at their planned places,\n")
            .Append(" * write the inputs there, run, and read the outputs there. An input's bytes may be reused once it is read. */\n")
            .Append($"static inline void {c.Prefix}_io_in_pools(struct {c.Prefix}_inputs* inputs,\n")
            .Append($"    struct {c.Prefix}_outputs* outputs,\n    const struct {c.Prefix}_workspaces* workspaces)\n{{\n");
        Bind(text, c, model.Inputs, c.Inputs, "inputs", (i, f) => c.InputMacro(i, f));
        Bind(text, c, model.Outputs, c.Outputs, "outputs", (i, f) => c.OutputMacro(i, f));
        text.Append("}\n\n");
    }

    private static void Bind(StringBuilder text, CModelInterface c, ImmutableArray<InterfaceTensor> tensors, ImmutableArray<string> members, string structName, Func<int, string, string> macro)
    {
        if (tensors.IsEmpty)
        {
            text.Append($"    (void){structName};\n");
        }

        for (var i = 0; i < tensors.Length; i++)
        {
            var placement = tensors[i].Placement!;
            var pool = c.Pools[c.Model.Pools.IndexOf(c.Model.Pools.First(p => p.Name == placement.Pool))];
            var ctype = CTypes.Name(tensors[i].Type.ElementType);
            text.Append($"    {structName}->{members[i]} = ({ctype}*)(void*)(workspaces->{pool} + {macro(i, "POOL_OFFSET")});\n");
        }
    }

    private static string Member(InterfaceTensor tensor, string member) =>
        $"{CTypes.Name(tensor.Type.ElementType)}* {member}; /* {CModelInterface.Describe(tensor)} */";

    private static void Struct(StringBuilder text, string name, IEnumerable<string> members)
    {
        var lines = members.ToList();
        text.Append($"struct {name} {{\n");
        foreach (var line in lines.Count > 0 ? lines : ["char mtvm_empty_; /* C has no empty structs */"])
        {
            text.Append("    ").Append(line).Append('\n');
        }

        text.Append("};\n");
    }
}
