using System.Globalization;
using System.Text;
using MicroTvm.Backends.C;
using MicroTvm.IR;
using MicroTvm.IR.Executor;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Memory;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// The whole model as one LLVM module with the external symbols and ABI of the C backend's
/// source (docs/runtime.md, "Source"), so that the C backend's header, the runtime and the
/// firmware link against it unchanged:
/// <list type="bullet">
/// <item>constants as internal byte arrays aligned as their kernels need, each in its own section;</item>
/// <item>one internal function per kernel (<see cref="LlvmKernelWriter"/>);</item>
/// <item>the AOT run function <c>mtvmgen_&lt;model&gt;_run_model(inputs, outputs, pools, context)</c>:
/// model inputs and outputs read from the typed structs (member i at i pointers), intermediates
/// at their planned pool offsets, the kernels called in the main graph's order;</item>
/// <item>the descriptors laid out as mtvm_tensor_desc_t, mtvm_pool_desc_t and mtvm_model_t for the
/// target's pointer size (the enum mtvm_dtype_t as a 32-bit field: on ARM, where gcc makes it one
/// byte, the little-endian low byte and zero padding are the same bytes), the exported
/// <c>mtvmgen_&lt;model&gt;_model</c>;</item>
/// <item>the exported typed entry point <c>mtvmgen_&lt;model&gt;_run</c>, a tail call of <c>mtvm_run</c>.</item>
/// </list>
/// The C source's <c>#if</c> guards on the runtime's ABI version and MTVM_MAX_POOLS have no
/// object-file equivalent; the descriptor's ABI version field is checked by <c>mtvm_run</c>.
/// </summary>
internal sealed class LlvmModelWriter
{
    private const string TensorDesc = "%mtvm_tensor_desc_t";
    private const string PoolDesc = "%mtvm_pool_desc_t";
    private const string ModelDesc = "%mtvm_model_t";
    private const string RunSignature = "i32 (i8*, i8*, i8**, i8*)";

    private readonly Module _module;
    private readonly Graph _main;
    private readonly MemoryPlan _plan;
    private readonly ModelInterface _interface;
    private readonly string _prefix;
    private readonly LlvmModuleBuilder _llvm;
    private readonly Dictionary<string, (string Global, int Bytes)> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _kernels = new(StringComparer.Ordinal);
    private int _strings;

    public LlvmModelWriter(Module module, MemoryPlan plan, ModelInterface modelInterface, LlvmTarget target)
    {
        _module = module;
        _main = module.Main;
        _plan = plan;
        _interface = modelInterface;
        _prefix = $"mtvmgen_{CModelNames.Of(modelInterface.Name)}";
        _llvm = new LlvmModuleBuilder(target);
        foreach (var exported in new[] { $"{_prefix}_model", $"{_prefix}_run", $"{_prefix}_run_model", "mtvm_run" })
        {
            _llvm.ClaimGlobal(exported);
        }
    }

    public string Prefix => _prefix;

    private IEnumerable<Node> Steps => _main.Nodes.Where(n => ReferenceEquals(n.Op, Ops.KernelCall));

    private string Size => _llvm.SizeType;

    private int PointerBytes => _llvm.Target.PointerBytes;

    public string Write()
    {
        var size = Size;
        _llvm.AddType($"{TensorDesc} = type {{ i8*, {size}, i32, i32, i32*, {size}, {size} }}");
        _llvm.AddType($"{PoolDesc} = type {{ i8*, {size}, {size} }}");
        _llvm.AddType($"{ModelDesc} = type {{ i32, i8*, i32, {TensorDesc}*, i32, {TensorDesc}*, i32, {PoolDesc}*, {RunSignature}* }}");
        WriteConstants();
        WriteKernels();
        WriteRunFunction();
        WriteDescriptors();
        _llvm.Declare("mtvm_run", $"i32 @mtvm_run({ModelDesc}*, i8*, i8*, i8*)");
        _llvm.AddFunction(
            $"define i32 {LlvmTypes.Global($"{_prefix}_run")}(i8* %inputs, i8* %outputs, i8* %context) #0 section \".text.{_prefix}_run\" {{\n" +
            "entry:\n" +
            $"  %status = tail call i32 @mtvm_run({ModelDesc}* {LlvmTypes.Global($"{_prefix}_model")}, i8* %inputs, i8* %outputs, i8* %context)\n" +
            "  ret i32 %status\n}\n");
        return _llvm.Build($"{_prefix}.ll");
    }

    private void WriteConstants()
    {
        var read = Steps.SelectMany(n => n.Operands).ToHashSet(StringComparer.Ordinal);
        var alignments = PlannableBuffers.Alignments(_module);
        foreach (var node in _main.Nodes.Where(n => ReferenceEquals(n.Op, Ops.Constant) && read.Contains(n.Results[0].Name)))
        {
            var value = node.Results[0];
            var data = ((TensorAttribute)node.GetAttribute("value")!).Value;
            var name = _llvm.ClaimGlobal($"{_prefix}_{CModelNames.Of(value.Name)}");
            _llvm.AddConstantBytes(name, data.Bytes.Span, alignments[value.Name]);
            _constants[value.Name] = (name, data.Bytes.Length);
        }
    }

    private void WriteKernels()
    {
        foreach (var node in Steps)
        {
            var kernel = PlannableBuffers.KernelOf(_module, node)!;
            if (_kernels.ContainsKey(kernel.Name))
            {
                continue;
            }

            var name = _llvm.ClaimGlobal($"{_prefix}_{CModelNames.Of(kernel.Name)}");
            _kernels[kernel.Name] = name;
            LlvmKernelWriter.Write(kernel, _llvm, name, new Dictionary<string, ReadOnlyMemory<byte>>(), external: false);
        }
    }

    private void WriteRunFunction()
    {
        var f = new LlvmFunctionBuilder();
        var inputs = _interface.Inputs.Length > 0 ? f.Value("bitcast i8* %inputs to i8**") : null;
        var outputs = _interface.Outputs.Length > 0 ? f.Value("bitcast i8* %outputs to i8**") : null;
        var pools = new List<string>();
        for (var i = 0; i < _interface.Pools.Length; i++)
        {
            var slot = f.Value($"getelementptr inbounds i8*, i8** %pools, i32 {i.ToString(CultureInfo.InvariantCulture)}");
            pools.Add(f.Value($"load i8*, i8** {slot}, align {PointerBytes.ToString(CultureInfo.InvariantCulture)}"));
        }

        // Struct members are read once, before the first kernel, as the C reads inputs->x per call
        // from a struct no kernel can write (kernels write only their buffers, never the struct).
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        string Member(string structPointer, int index)
        {
            var slot = f.Value($"getelementptr inbounds i8*, i8** {structPointer}, i32 {index.ToString(CultureInfo.InvariantCulture)}");
            return f.Value($"load i8*, i8** {slot}, align {PointerBytes.ToString(CultureInfo.InvariantCulture)}");
        }

        var inputNames = _main.Inputs.Select(v => v.Name).ToList();
        string BufferBytes(string value, string? workspace)
        {
            if (workspace is null && _constants.TryGetValue(value, out var constant))
            {
                return $"getelementptr inbounds ([{constant.Bytes} x i8], [{constant.Bytes} x i8]* {LlvmTypes.Global(constant.Global)}, i32 0, i32 0)";
            }

            // Placed model I/O is still reached through the structs, which the application points at the plan's places.
            var isIo = workspace is null && (inputNames.Contains(value) || _main.Outputs.Contains(value));
            if (!isIo && _plan.Find(value, workspace) is { } placement)
            {
                var pool = _interface.Pools.IndexOf(_plan.FindPool(placement.Pool)!);
                return f.Value($"getelementptr inbounds i8, i8* {pools[pool]}, {Size} {placement.Offset.ToString(CultureInfo.InvariantCulture)}");
            }

            if (workspace is null && members.TryGetValue(value, out var member))
            {
                return member;
            }

            var input = inputNames.IndexOf(value);
            if (workspace is null && input >= 0)
            {
                return members[value] = Member(inputs!, input);
            }

            var output = _main.Outputs.IndexOf(value);
            return workspace is null && output >= 0
                ? members[value] = Member(outputs!, output)
                : throw new InvalidOperationException($"'%{value}'{(workspace is null ? string.Empty : $" workspace {workspace}")} has no buffer: it is not a model input or output, a constant, or placed by the memory plan");
        }

        foreach (var node in Steps)
        {
            var kernel = PlannableBuffers.KernelOf(_module, node)!;
            var arguments = new List<string>();
            var operand = 0;
            var result = 0;
            foreach (var parameter in kernel.Parameters)
            {
                var bytes = parameter.Role switch
                {
                    BufferRole.Input or BufferRole.Constant => BufferBytes(node.Operands[operand++], null),
                    BufferRole.Output => BufferBytes(node.Results[result++].Name, null),
                    _ => BufferBytes(node.Results[0].Name, parameter.Name),
                };
                var type = LlvmTypes.Memory(parameter.ElementType);
                var pointer = type == "i8" ? bytes : f.Value($"bitcast i8* {bytes} to {type}*");
                arguments.Add($"{type}* {pointer}");
            }

            f.Instruction($"call void {LlvmTypes.Global(_kernels[kernel.Name])}({string.Join(", ", arguments)})");
        }

        f.Instruction("ret i32 0");
        var name = $"{_prefix}_run_model";
        _llvm.AddFunction(
            $"define internal i32 {LlvmTypes.Global(name)}(i8* %inputs, i8* %outputs, i8** %pools, i8* %context) #0 section \".text.{name}\" {{\n{f.Body()}}}\n");
    }

    private void WriteDescriptors()
    {
        var inputs = TensorDescriptors("input", _interface.Inputs);
        var outputs = TensorDescriptors("output", _interface.Outputs);
        var pools = $"{PoolDesc}* null";
        if (_interface.Pools.Length > 0)
        {
            var n = _interface.Pools.Length;
            var entries = _interface.Pools.Select(p => $"{PoolDesc} {{ i8* {String(p.Name)}, {Size} {p.Bytes.ToString(CultureInfo.InvariantCulture)}, {Size} {p.Alignment.ToString(CultureInfo.InvariantCulture)} }}");
            var global = _llvm.ClaimGlobal($"{_prefix}_pool_descs");
            _llvm.AddGlobal($"{LlvmTypes.Global(global)} = internal constant [{n} x {PoolDesc}] [{string.Join(", ", entries)}], align {PointerBytes}");
            pools = $"{PoolDesc}* getelementptr inbounds ([{n} x {PoolDesc}], [{n} x {PoolDesc}]* {LlvmTypes.Global(global)}, i32 0, i32 0)";
        }

        var model = new StringBuilder()
            .Append($"{LlvmTypes.Global($"{_prefix}_model")} = constant {ModelDesc} {{ ")
            .Append($"i32 1, i8* {String(_interface.Name)}, ")
            .Append($"i32 {_interface.Inputs.Length}, {inputs}, ")
            .Append($"i32 {_interface.Outputs.Length}, {outputs}, ")
            .Append($"i32 {_interface.Pools.Length}, {pools}, ")
            .Append($"{RunSignature}* {LlvmTypes.Global($"{_prefix}_run_model")} }}, align {PointerBytes}");
        _llvm.AddGlobal(model.ToString());
    }

    private string TensorDescriptors(string kind, ImmutableArray<InterfaceTensor> tensors)
    {
        if (tensors.Length == 0)
        {
            return $"{TensorDesc}* null";
        }

        var entries = new List<string>();
        for (var i = 0; i < tensors.Length; i++)
        {
            var tensor = tensors[i];
            var rank = tensor.Type.Rank;
            var shape = "i32* null";
            if (rank > 0)
            {
                var global = _llvm.ClaimGlobal($"{_prefix}_{kind}_{i}_shape");
                _llvm.AddGlobal($"{LlvmTypes.Global(global)} = internal constant [{rank} x i32] [{string.Join(", ", tensor.Type.Shape.Select(d => $"i32 {d}"))}], align 4");
                shape = $"i32* getelementptr inbounds ([{rank} x i32], [{rank} x i32]* {LlvmTypes.Global(global)}, i32 0, i32 0)";
            }

            entries.Add(
                $"{TensorDesc} {{ i8* {String(tensor.Name)}, {Size} {(i * PointerBytes).ToString(CultureInfo.InvariantCulture)}, i32 {Dtype(tensor.Type.ElementType)}, " +
                $"i32 {rank}, {shape}, {Size} {tensor.Bytes.ToString(CultureInfo.InvariantCulture)}, {Size} {tensor.Alignment.ToString(CultureInfo.InvariantCulture)} }}");
        }

        var descs = _llvm.ClaimGlobal($"{_prefix}_{kind}_descs");
        _llvm.AddGlobal($"{LlvmTypes.Global(descs)} = internal constant [{tensors.Length} x {TensorDesc}] [{string.Join(", ", entries)}], align {PointerBytes}");
        return $"{TensorDesc}* getelementptr inbounds ([{tensors.Length} x {TensorDesc}], [{tensors.Length} x {TensorDesc}]* {LlvmTypes.Global(descs)}, i32 0, i32 0)";
    }

    /// <summary>A NUL-terminated string constant; returns an <c>i8*</c> constant expression to its first byte.</summary>
    private string String(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var name = $".str.{_strings++}";
        _llvm.AddGlobal($"{LlvmTypes.Global(name)} = private unnamed_addr constant [{bytes.Length} x i8] {LlvmTypes.Bytes(bytes)}, align 1");
        return $"getelementptr inbounds ([{bytes.Length} x i8], [{bytes.Length} x i8]* {LlvmTypes.Global(name)}, i32 0, i32 0)";
    }

    /// <summary>mtvm_dtype_t's values (runtime.h).</summary>
    private static int Dtype(ElementType type) => type switch
    {
        ElementType.I8 => 1,
        ElementType.U8 => 2,
        ElementType.I16 => 3,
        ElementType.I32 => 4,
        ElementType.I64 => 5,
        ElementType.F32 => 6,
        ElementType.Bool => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no runtime dtype"),
    };
}
