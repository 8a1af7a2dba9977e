using MicroTvm.IR;
using MicroTvm.IR.Executor;
using MicroTvm.IR.Verification;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// Turns a module built for the AOT executor and memory-planned (<c>build-aot-executor</c>,
/// <c>plan-memory</c>) into an ELF relocatable object through libLLVM: the same external symbols
/// and ABI as the C backend's <c>mtvmgen_&lt;model&gt;.c</c> compiled by gcc for that CPU, so the
/// C backend's header describes it and the runtime and firmware templates link it.
/// </summary>
public static class LlvmModelEmitter
{
    /// <summary>The model's LLVM IR (before optimisation) for <paramref name="target"/>.</summary>
    public static string EmitIr(Module module, string modelName, LlvmTarget target)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        ArgumentNullException.ThrowIfNull(target);
        if (module.MemoryPlan is not { } plan)
        {
            throw new ArgumentException("the module has no memory plan: run build-aot-executor and plan-memory first", nameof(module));
        }

        var diagnostics = ModuleVerifier.Verify(module);
        if (!diagnostics.IsEmpty)
        {
            throw new ArgumentException($"the module does not verify:\n{string.Join("\n", diagnostics)}", nameof(module));
        }

        return new LlvmModelWriter(module, plan, ModelInterface.Of(module, modelName), target).Write();
    }

    /// <summary>The optimised object, named <c>mtvmgen_&lt;model&gt;.o</c> as the C backend's would be.</summary>
    public static (string Name, byte[] Bytes) EmitObject(Module module, string modelName, LlvmTarget target)
    {
        var ir = EmitIr(module, modelName, target);
        var name = $"mtvmgen_{Backends.C.CModelNames.Of(modelName)}";
        return ($"{name}.o", LlvmCompiler.EmitObject(ir, target, $"{name}.ll"));
    }
}
