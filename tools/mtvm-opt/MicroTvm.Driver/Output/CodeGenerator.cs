using MicroTvm.Backends.C;
using MicroTvm.IR.Executor;
using MicroTvm.Passes;

namespace MicroTvm.Driver.Output;

/// <summary>
/// From a module the pipeline built an executor and memory plan for, to a <see cref="CompiledModel"/>:
/// the C backend's header and source, and objects when asked for (always with <c>--target llvm</c>).
/// </summary>
internal static class CodeGenerator
{
    /// <summary>Why the module cannot be generated as code, or null when it can.</summary>
    public static string? Problem(Module module) =>
        !BuildAotExecutorPass.IsBuilt(module) || module.MemoryPlan is null
            ? "the pipeline did not build the executor and its memory plan (build-aot-executor, plan-memory); pipelines/aot.pass's default pipeline does"
            : null;

    public static CompiledModel Generate(Module module, string modelName, CompileTarget target, int opsIn, bool withObjects, string generator, TextWriter log)
    {
        var code = CModelEmitter.Emit(module, modelName, generator);
        // The LLVM backend's whole product is its object; the C files stay for the header (and for reading).
        var objects = target.IsLlvm ? [LlvmObjectBuilder.EmitObject(module, modelName, target, log)]
            : withObjects ? [ObjectBuilder.CompileObject(code, target, log)] : ImmutableArray<(string, byte[])>.Empty;
        return new CompiledModel(module, ModelInterface.Of(module, modelName), code, target, opsIn, objects);
    }
}
