using MicroTvm.Backends.LlvmObj;

namespace MicroTvm.Driver.Output;

/// <summary>
/// The LLVM backend's object for <c>--target llvm</c>: emitted in process by libLLVM
/// (backends/llvm-obj) for the target CPU. libLLVM 14 is loaded on first use; when it is missing
/// it is installed as root (Debian package <c>libllvm14</c>), otherwise the error names the package.
/// </summary>
internal static class LlvmObjectBuilder
{
    public static (string Name, byte[] Bytes) EmitObject(Module module, string modelName, CompileTarget target, TextWriter log)
    {
        var llvmTarget = LlvmTarget.Find(target.Cpu)
            ?? throw new UsageException($"the LLVM backend has no CPU '{target.Cpu}'; its CPUs are: {LlvmTarget.Names}");
        ExternalTools.Require("libLLVM 14", () => LlvmLibrary.IsAvailable, [LlvmLibrary.DebianPackage], log);
        try
        {
            return LlvmModelEmitter.EmitObject(module, modelName, llvmTarget);
        }
        catch (LlvmException e)
        {
            throw new ToolException(e.Message);
        }
    }
}
