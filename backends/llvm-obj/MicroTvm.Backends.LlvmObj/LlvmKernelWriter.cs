using System.Globalization;
using MicroTvm.IR;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// One verified kernel as an LLVM function, with exactly docs/kernel-ir.md's semantics (which are
/// the C backend's): buffers are <c>noalias</c> pointers in parameter order (C's <c>restrict</c>),
/// <c>readonly</c> for inputs and constants, aligned as the buffer says; constants given as data
/// become internal globals instead of parameters. Loops are emitted rotated (every extent is at
/// least 1), with <c>llvm.loop.unroll.full</c> where the IR asks for unrolling (the C backend's
/// <c>#pragma GCC unroll</c>). Locals are allocas that mem2reg promotes. The function returns
/// nothing: kernels cannot fail, so the C kernels' <c>return MTVM_OK</c> carries no information.
/// This file holds statements; expressions are in <c>LlvmKernelWriter.Expressions.cs</c>.
/// </summary>
internal sealed partial class LlvmKernelWriter
{
    private readonly KernelFunction _kernel;
    private readonly LlvmModuleBuilder _module;
    private readonly LlvmFunctionBuilder _f = new();
    private readonly Dictionary<string, string> _buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Slot, ElementType Type)> _variables = new(StringComparer.Ordinal);

    private LlvmKernelWriter(KernelFunction kernel, LlvmModuleBuilder module)
    {
        _kernel = kernel;
        _module = module;
    }

    /// <summary>Adds <paramref name="kernel"/> to <paramref name="module"/> as <paramref name="symbol"/>.</summary>
    /// <param name="constantData">constant buffers whose bytes are known: internal globals, not parameters</param>
    /// <param name="external">an exported function (test harnesses call it) rather than an internal one</param>
    public static void Write(KernelFunction kernel, LlvmModuleBuilder module, string symbol, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> constantData, bool external)
    {
        var diagnostics = KernelVerifier.Verify(kernel);
        if (!diagnostics.IsEmpty)
        {
            throw new ArgumentException($"kernel '{kernel.Name}' does not verify:\n{string.Join("\n", diagnostics)}", nameof(kernel));
        }

        new LlvmKernelWriter(kernel, module).WriteFunction(symbol, constantData, external);
    }

    private void WriteFunction(string symbol, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> constantData, bool external)
    {
        var parameters = new List<string>();
        foreach (var buffer in _kernel.Parameters)
        {
            var type = LlvmTypes.Memory(buffer.ElementType);
            if (constantData.TryGetValue(buffer.Name, out var data))
            {
                if (buffer.Role != BufferRole.Constant || data.Length != buffer.ByteSize)
                {
                    throw new ArgumentException($"constant data '{buffer.Name}' ({data.Length} bytes) does not match a constant buffer of kernel '{_kernel.Name}'", nameof(constantData));
                }

                var global = _module.ClaimGlobal($"{symbol}_{buffer.Name}");
                _module.AddConstantBytes(global, data.Span, buffer.Alignment);
                _buffers[buffer.Name] = $"bitcast ([{buffer.ByteSize} x i8]* {LlvmTypes.Global(global)} to {type}*)";
                continue;
            }

            var name = $"%p.{buffer.Name}";
            _buffers[buffer.Name] = name;
            var access = buffer.IsWritable ? string.Empty : " readonly";
            parameters.Add($"{type}* noalias nocapture{access} align {buffer.Alignment.ToString(CultureInfo.InvariantCulture)} {name}");
        }

        WriteStatement(_kernel.Body);
        _f.Instruction("ret void");
        var linkage = external ? string.Empty : "internal ";
        _module.AddFunction(
            $"define {linkage}void {LlvmTypes.Global(symbol)}({string.Join(", ", parameters)}) #0 section \".text.{symbol}\" {{\n{_f.Body()}}}\n");
    }

    private void WriteStatement(Stmt statement)
    {
        switch (statement)
        {
            case Block block:
                foreach (var inner in block.Statements)
                {
                    WriteStatement(inner);
                }

                break;
            case For loop:
                WriteLoop(loop);
                break;
            case Store store:
            {
                var index = Emit(store.Index);
                var value = Emit(store.Value);
                var buffer = store.Buffer;
                var memoryType = LlvmTypes.Memory(buffer.ElementType);
                var address = _f.Value($"getelementptr inbounds {memoryType}, {memoryType}* {_buffers[buffer.Name]}, i32 {index}");
                if (buffer.ElementType == ElementType.Bool)
                {
                    value = _f.Value($"zext i1 {value} to i8");
                }

                _f.Instruction($"store {memoryType} {value}, {memoryType}* {address}, align {buffer.ElementType.ByteSize().ToString(CultureInfo.InvariantCulture)}");
                break;
            }

            case Declare declare:
            {
                var value = Emit(declare.Init);
                var type = LlvmTypes.Register(declare.Variable.Type);
                var slot = _f.Alloca(type, declare.Variable.Name);
                _variables[declare.Variable.Name] = (slot, declare.Variable.Type);
                _f.Instruction($"store {type} {value}, {type}* {slot}");
                break;
            }

            case Assign assign:
            {
                var value = Emit(assign.Value);
                var (slot, type) = _variables[assign.Variable.Name];
                var llvmType = LlvmTypes.Register(type);
                _f.Instruction($"store {llvmType} {value}, {llvmType}* {slot}");
                break;
            }

            case If branch:
                WriteIf(branch);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement.GetType().Name, "unknown statement");
        }
    }

    /// <summary>
    /// <code>
    ///   store 0 → i; br body
    /// body:  …; i' = i + 1; store; br (i' &lt; extent) ? body : exit   !llvm.loop
    /// exit:
    /// </code>
    /// </summary>
    private void WriteLoop(For loop)
    {
        var slot = _f.Alloca("i32", loop.Variable.Name);
        _variables[loop.Variable.Name] = (slot, ElementType.I32);
        var body = _f.Label("for.body");
        var exit = _f.Label("for.end");
        _f.Instruction($"store i32 0, i32* {slot}");
        _f.Instruction($"br label %{body}");
        _f.Block(body);
        WriteStatement(loop.Body);
        var current = _f.Value($"load i32, i32* {slot}");
        var next = _f.Value($"add nsw i32 {current}, 1");
        _f.Instruction($"store i32 {next}, i32* {slot}");
        var more = _f.Value($"icmp slt i32 {next}, {loop.Extent.ToString(CultureInfo.InvariantCulture)}");
        var metadata = string.Empty;
        if (loop.Unroll)
        {
            var id = _module.ReserveMetadata();
            var unroll = _module.Metadata("!{!\"llvm.loop.unroll.full\"}");
            _module.DefineMetadata(id, $"distinct !{{!{id.ToString(CultureInfo.InvariantCulture)}, {unroll}}}");
            metadata = $", !llvm.loop !{id.ToString(CultureInfo.InvariantCulture)}";
        }

        _f.Instruction($"br i1 {more}, label %{body}, label %{exit}{metadata}");
        _f.Block(exit);
    }

    private void WriteIf(If branch)
    {
        var condition = Emit(branch.Condition);
        var then = _f.Label("if.then");
        var end = _f.Label("if.end");
        var otherwise = branch.Else is null ? end : _f.Label("if.else");
        _f.Instruction($"br i1 {condition}, label %{then}, label %{otherwise}");
        _f.Block(then);
        WriteStatement(branch.Then);
        _f.Instruction($"br label %{end}");
        if (branch.Else is { } elseBody)
        {
            _f.Block(otherwise);
            WriteStatement(elseBody);
            _f.Instruction($"br label %{end}");
        }

        _f.Block(end);
    }
}
