using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// Standalone kernels as one LLVM module of exported functions <c>void name(T* …)</c>, for
/// harnesses that call kernels directly (the differential tests): parameters in the kernel's
/// order except the constant buffers given as data, which become internal globals.
/// </summary>
public static class LlvmKernelEmitter
{
    /// <summary>The module's text.</summary>
    public static string EmitModule(IEnumerable<LlvmKernelDefinition> kernels, LlvmTarget target, string moduleName)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(target);
        var module = new LlvmModuleBuilder(target);
        foreach (var definition in kernels)
        {
            var symbol = module.ClaimGlobal(definition.Symbol);
            if (symbol != definition.Symbol)
            {
                throw new ArgumentException($"two kernels are named '{definition.Symbol}'", nameof(kernels));
            }

            LlvmKernelWriter.Write(definition.Function, module, symbol, definition.ConstantData ?? new Dictionary<string, ReadOnlyMemory<byte>>(), external: true);
        }

        return module.Build(moduleName);
    }
}
