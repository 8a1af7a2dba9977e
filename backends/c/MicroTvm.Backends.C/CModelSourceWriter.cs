using System.Text;
using System.Text.RegularExpressions;
using MicroTvm.IR;
using MicroTvm.IR.Executor;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Memory;

namespace MicroTvm.Backends.C;

/// <summary>
/// The per-model source of docs/runtime.md ("Source"): guards, constants as aligned
/// <c>static const</c> arrays (flash), one static function per kernel, the AOT run function
/// (kernels in the main graph's order, every buffer passed explicitly: model inputs and outputs
/// through the typed structs, constants by name, intermediates at their planned pool offsets,
/// every status checked), the descriptors and the typed entry point.
/// </summary>
internal sealed partial class CModelSourceWriter
{
    private readonly Module _module;
    private readonly Graph _main;
    private readonly MemoryPlan _plan;
    private readonly CModelInterface _c;
    private readonly CNames _fileNames = new();
    private readonly CNames _localNames = new();
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _kernels = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Value, string? Workspace), string> _locals = [];
    private readonly StringBuilder _text = new();

    public CModelSourceWriter(Module module, MemoryPlan plan, CModelInterface c)
    {
        _module = module;
        _main = module.Main;
        _plan = plan;
        _c = c;
        foreach (var reserved in new[] { "inputs", "outputs", "workspaces", "status", "pools", "context", "inputs_", "outputs_" })
        {
            _localNames.Claim(reserved);
        }
    }

    private IEnumerable<Node> Steps => _main.Nodes.Where(n => ReferenceEquals(n.Op, Ops.KernelCall));

    public string Write(string banner)
    {
        var kernels = new StringBuilder();
        WriteKernels(kernels);
        var math = UsesMathLibrary().IsMatch(kernels.ToString()) ? "#include <math.h>\n" : string.Empty;
        _text.Append(banner)
            .Append($"#include \"{_c.Prefix}.h\"\n\n")
            .Append($"{math}#include <stddef.h>\n#include <stdint.h>\n\n")
            .Append("#include \"mtvm/fixed_point.h\"\n#include \"mtvm/runtime.h\"\n#include \"mtvm/status.h\"\n\n")
            .Append(CPackedWordHelpers.IsUsedBy(kernels.ToString()) ? CPackedWordHelpers.Text : string.Empty)
            .Append("#if MTVM_ABI_VERSION != 1u\n")
            .Append($"#error \"{_c.Prefix} was generated for the MicroTvm runtime ABI version 1\"\n#endif\n\n")
            .Append($"#if {_c.MacroPrefix}_NUM_POOLS > MTVM_MAX_POOLS\n")
            .Append($"#error \"{_c.Prefix} needs a runtime built with MTVM_MAX_POOLS >= {_c.Model.Pools.Length}\"\n#endif\n\n");
        WriteConstants();
        _text.Append(kernels);
        WriteRunFunction();
        WriteDescriptors();
        _text.Append($"mtvm_status_t {_c.Prefix}_run(const struct {_c.Prefix}_inputs* inputs,\n")
            .Append($"    struct {_c.Prefix}_outputs* outputs,\n    mtvm_context_t* context)\n{{\n")
            .Append($"    return mtvm_run(&{_c.Prefix}_model, inputs, outputs, context);\n}}\n");
        return _text.ToString();
    }

    private void WriteConstants()
    {
        var read = Steps.SelectMany(n => n.Operands).ToHashSet(StringComparer.Ordinal);
        var alignments = PlannableBuffers.Alignments(_module);
        foreach (var node in _main.Nodes.Where(n => ReferenceEquals(n.Op, Ops.Constant) && read.Contains(n.Results[0].Name)))
        {
            var value = node.Results[0];
            var data = ((TensorAttribute)node.GetAttribute("value")!).Value;
            var name = _fileNames.Claim($"{_c.Prefix}_{CModelNames.Of(value.Name)}");
            _constants[value.Name] = name;
            var alignment = alignments[value.Name];
            var attribute = alignment > value.Type.ElementType.ByteSize() ? $" __attribute__((aligned({alignment})))" : string.Empty;
            _text.Append($"/* {CModelInterface.Describe(new InterfaceTensor(value.Name, value.Type, alignment))} */\n")
                .Append($"static const {CTypes.Name(value.Type.ElementType)} {name}[{value.Type.ElementCount}]{attribute} = ")
                .Append(CArrayInitializer.Render(value.Type.ElementType, data.Bytes.Span)).Append(";\n\n");
        }
    }

    /// <summary>Only kernels that call libm (or use its NAN and INFINITY) include math.h: some bare-metal toolchains have no C library.</summary>
    [GeneratedRegex(@"\b(expf|logf|sqrtf|tanhf|floorf|rintf|roundf|NAN|INFINITY)\b")]
    private static partial Regex UsesMathLibrary();

    private void WriteKernels(StringBuilder text)
    {
        foreach (var node in Steps)
        {
            var kernel = PlannableBuffers.KernelOf(_module, node)!;
            if (_kernels.ContainsKey(kernel.Name))
            {
                continue;
            }

            var name = _fileNames.Claim($"{_c.Prefix}_{CModelNames.Of(kernel.Name)}");
            _kernels[kernel.Name] = name;
            text.Append(CKernelEmitter.Emit(kernel, new CEmitOptions { FunctionName = name, MayAlias = Overlapping(kernel) })).Append('\n');
        }
    }

    /// <summary>
    /// The kernel's parameters bound to buffers an in-place plan lets overlap in some call of it:
    /// they lose <c>restrict</c>, so the C compiler keeps the kernel's access order that made the overlap safe.
    /// </summary>
    private HashSet<string> Overlapping(KernelFunction kernel)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Steps.Where(n => ReferenceEquals(PlannableBuffers.KernelOf(_module, n), kernel)))
        {
            var parameters = kernel.Parameters.Where(p => p.Role is not BufferRole.Workspace).ToList();
            var (operand, result) = (0, 0);
            var bound = parameters.Select(p => p.IsWritable ? node.Results[result++].Name : node.Operands[operand++]).ToList();
            for (var i = 0; i < parameters.Count; i++)
            {
                for (var j = 0; j < parameters.Count; j++)
                {
                    if (i != j && parameters[j].IsWritable && SharesBytes(bound[i], bound[j]))
                    {
                        names.Add(parameters[i].Name);
                        names.Add(parameters[j].Name);
                    }
                }
            }
        }

        return names;
    }

    private bool SharesBytes(string a, string b)
    {
        if (_plan.Find(a) is not { } pa || _plan.Find(b) is not { } pb || pa.Pool != pb.Pool || a == b)
        {
            return false;
        }

        var (ta, tb) = (_main.Index.FindValue(a)!.Type, _main.Index.FindValue(b)!.Type);
        return pa.Offset < pb.Offset + tb.ByteSize && pb.Offset < pa.Offset + ta.ByteSize;
    }

    private void WriteRunFunction()
    {
        var model = _c.Model;
        _text.Append("/* The AOT executor: the kernels in order, every status checked; intermediates at their planned offsets. */\n")
            .Append($"static mtvm_status_t {_c.Prefix}_run_model(const void* inputs_, void* outputs_,\n")
            .Append("    uint8_t* const* pools, struct mtvm_context* context)\n{\n");
        _text.Append(model.Inputs.Length > 0
            ? $"    const struct {_c.Prefix}_inputs* inputs = (const struct {_c.Prefix}_inputs*)inputs_;\n"
            : "    (void)inputs_;\n");
        _text.Append(model.Outputs.Length > 0
            ? $"    struct {_c.Prefix}_outputs* outputs = (struct {_c.Prefix}_outputs*)outputs_;\n"
            : "    (void)outputs_;\n");
        // Placed model I/O is still reached through the structs, which the application points at the plan's places.
        var io = _main.Inputs.Select(v => v.Name).Concat(_main.Outputs).ToHashSet(StringComparer.Ordinal);
        var placements = _plan.Placements.Where(p => p.Workspace is not null || !io.Contains(p.Value)).ToList();
        _text.Append(placements.Count > 0
            ? $"    const struct {_c.Prefix}_workspaces workspaces = {{ {string.Join(", ", model.Pools.Select((_, i) => $"pools[{i}]"))} }};\n"
            : "    (void)pools;\n");
        foreach (var placement in placements)
        {
            var type = placement.Workspace is null
                ? _main.Index.FindValue(placement.Value)!.Type.ElementType
                : WorkspaceBuffer(placement).ElementType;
            var local = _localNames.Of(placement.Workspace is null ? placement.Value : $"{placement.Value}_{placement.Workspace}");
            _locals[(placement.Value, placement.Workspace)] = local;
            var pool = _c.Pools[model.Pools.IndexOf(_plan.FindPool(placement.Pool)!)];
            var ctype = CTypes.Name(type);
            _text.Append($"    {ctype}* const {local} = ({ctype}*)(void*)(workspaces.{pool} + {placement.Offset});\n");
        }

        _text.Append("    mtvm_status_t status;\n    (void)context;\n");
        foreach (var node in Steps)
        {
            var kernel = PlannableBuffers.KernelOf(_module, node)!;
            var arguments = Arguments(node, kernel);
            _text.Append($"\n    status = {_kernels[kernel.Name]}({string.Join(", ", arguments)});\n")
                .Append("    if (status != MTVM_OK) {\n        return status;\n    }\n");
        }

        _text.Append("    return MTVM_OK;\n}\n\n");
    }

    private KernelBuffer WorkspaceBuffer(BufferPlacement placement)
    {
        var producer = _main.Index.Producer(placement.Value)!;
        return PlannableBuffers.KernelOf(_module, producer)!.FindParameter(placement.Workspace!)!;
    }

    private List<string> Arguments(Node node, KernelFunction kernel)
    {
        var arguments = new List<string>();
        var operand = 0;
        var result = 0;
        foreach (var parameter in kernel.Parameters)
        {
            arguments.Add(parameter.Role switch
            {
                BufferRole.Input or BufferRole.Constant => Buffer(node.Operands[operand++]),
                BufferRole.Output => Buffer(node.Results[result++].Name),
                _ => _locals[(node.Results[0].Name, parameter.Name)],
            });
        }

        return arguments;
    }

    private string Buffer(string value)
    {
        if (_constants.TryGetValue(value, out var constant))
        {
            return constant;
        }

        if (_locals.TryGetValue((value, null), out var local))
        {
            return local;
        }

        var input = _main.Inputs.Select(v => v.Name).ToList().IndexOf(value);
        if (input >= 0)
        {
            return $"inputs->{_c.Inputs[input]}";
        }

        var output = _main.Outputs.IndexOf(value);
        return output >= 0
            ? $"outputs->{_c.Outputs[output]}"
            : throw new InvalidOperationException($"'%{value}' has no buffer: it is not a model input or output, a constant, or placed by the memory plan");
    }

    private void WriteDescriptors()
    {
        var model = _c.Model;
        TensorDescriptors("input", model.Inputs, _c.Inputs, (i, f) => _c.InputMacro(i, f), "inputs");
        TensorDescriptors("output", model.Outputs, _c.Outputs, (i, f) => _c.OutputMacro(i, f), "outputs");
        if (model.Pools.Length > 0)
        {
            _text.Append($"static const mtvm_pool_desc_t {_c.Prefix}_pool_descs[{model.Pools.Length}] = {{\n");
            for (var i = 0; i < model.Pools.Length; i++)
            {
                _text.Append($"    {{ {CLiterals.String(model.Pools[i].Name)}, {_c.PoolMacro(i, "SIZE")}, {_c.PoolMacro(i, "ALIGNMENT")} }},\n");
            }

            _text.Append("};\n\n");
        }

        _text.Append($"const mtvm_model_t {_c.Prefix}_model = {{\n")
            .Append("    1u, /* the runtime ABI version this code was generated for */\n")
            .Append($"    {CLiterals.String(model.Name)},\n")
            .Append($"    {model.Inputs.Length}, {(model.Inputs.Length > 0 ? $"{_c.Prefix}_input_descs" : "NULL")},\n")
            .Append($"    {model.Outputs.Length}, {(model.Outputs.Length > 0 ? $"{_c.Prefix}_output_descs" : "NULL")},\n")
            .Append($"    {model.Pools.Length}, {(model.Pools.Length > 0 ? $"{_c.Prefix}_pool_descs" : "NULL")},\n")
            .Append($"    {_c.Prefix}_run_model,\n}};\n\n");
    }

    private void TensorDescriptors(string kind, ImmutableArray<InterfaceTensor> tensors, ImmutableArray<string> members, Func<int, string, string> macro, string structKind)
    {
        if (tensors.Length == 0)
        {
            return;
        }

        for (var i = 0; i < tensors.Length; i++)
        {
            if (tensors[i].Type.Rank > 0)
            {
                _text.Append($"static const uint32_t {_c.Prefix}_{kind}_{i}_shape[{tensors[i].Type.Rank}] = {{ {string.Join(", ", tensors[i].Type.Shape)} }};\n");
            }
        }

        _text.Append($"\nstatic const mtvm_tensor_desc_t {_c.Prefix}_{kind}_descs[{tensors.Length}] = {{\n");
        for (var i = 0; i < tensors.Length; i++)
        {
            var tensor = tensors[i];
            var shape = tensor.Type.Rank > 0 ? $"{_c.Prefix}_{kind}_{i}_shape" : "NULL";
            _text.Append($"    {{ {CLiterals.String(tensor.Name)}, offsetof(struct {_c.Prefix}_{structKind}, {members[i]}),\n")
                .Append($"      MTVM_DTYPE_{tensor.Dtype.ToUpperInvariant()}, {tensor.Type.Rank}, {shape},\n")
                .Append($"      {macro(i, "SIZE")}, {macro(i, "ALIGNMENT")} }},\n");
        }

        _text.Append("};\n\n");
    }
}
