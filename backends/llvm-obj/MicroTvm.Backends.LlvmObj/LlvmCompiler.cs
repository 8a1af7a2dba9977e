using System.Runtime.InteropServices;
using System.Text;
using MicroTvm.Backends.LlvmObj.Native;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// Textual LLVM IR to an ELF relocatable object, in process: parse into a fresh context, set the
/// target's triple and data layout, verify, run LLVM's standard <c>default&lt;O2&gt;</c> pipeline
/// (new pass manager, no fast-math: the IR carries no fast-math flags and the target machine
/// keeps the default FP-contraction setting, which fuses nothing but explicit fmuladd), then
/// let the target machine emit the object (or assembly, for reading) into memory.
/// </summary>
public static class LlvmCompiler
{
    /// <summary>The object file for <paramref name="target"/>.</summary>
    public static byte[] EmitObject(string ir, LlvmTarget target, string moduleName, bool optimize = true)
    {
        var elf = Compile(ir, target, moduleName, optimize, LlvmApi.ObjectFile);
        RiscVFloatAbiFlags.Apply(elf, target);
        return elf;
    }

    /// <summary>The target's assembly, for reading what LLVM made of the IR.</summary>
    public static string EmitAssembly(string ir, LlvmTarget target, string moduleName, bool optimize = true) =>
        Encoding.UTF8.GetString(Compile(ir, target, moduleName, optimize, LlvmApi.AssemblyFile));

    /// <summary>The module after the optimisation pipeline, as LLVM prints it.</summary>
    public static string Optimize(string ir, LlvmTarget target, string moduleName)
    {
        using var session = new Session(ir, target, moduleName);
        session.RunPipeline();
        return LlvmApi.TakeMessage(LlvmApi.PrintModuleToString(session.Module));
    }

    private static byte[] Compile(string ir, LlvmTarget target, string moduleName, bool optimize, int fileType)
    {
        using var session = new Session(ir, target, moduleName);
        if (optimize)
        {
            session.RunPipeline();
        }

        return session.Emit(fileType);
    }

    /// <summary>One context, module and target machine, disposed together.</summary>
    private sealed class Session : IDisposable
    {
        private readonly IntPtr _context;
        private readonly IntPtr _machine;
        private readonly LlvmTarget _target;

        public unsafe Session(string ir, LlvmTarget target, string moduleName)
        {
            ArgumentNullException.ThrowIfNull(ir);
            ArgumentNullException.ThrowIfNull(target);
            LlvmLibrary.Load();
            _target = target;
            _context = LlvmApi.ContextCreate();
            try
            {
                var bytes = Encoding.UTF8.GetBytes(ir);
                IntPtr buffer;
                fixed (byte* data = bytes)
                {
                    buffer = LlvmApi.CreateMemoryBufferWithMemoryRangeCopy(data, (nuint)bytes.Length, moduleName);
                }

                // The parser takes ownership of the buffer.
                if (LlvmApi.ParseIrInContext(_context, buffer, out var module, out var parseError) != 0)
                {
                    throw new LlvmException($"LLVM cannot parse the generated IR of '{moduleName}': {LlvmApi.TakeMessage(parseError)}");
                }

                Module = module;
                if (LlvmApi.GetTargetFromTriple(target.Triple, out var llvmTarget, out var tripleError) != 0)
                {
                    throw new LlvmException($"this libLLVM has no target for '{target.Triple}': {LlvmApi.TakeMessage(tripleError)}");
                }

                _machine = LlvmApi.CreateTargetMachine(llvmTarget, target.Triple, target.LlvmCpu, target.Features, LlvmApi.CodeGenLevelDefault, target.RelocationModel, target.CodeModel);
                if (_machine == IntPtr.Zero)
                {
                    throw new LlvmException($"LLVM cannot create a target machine for {target.Triple} ({target.LlvmCpu})");
                }

                LlvmApi.SetTarget(Module, target.Triple);
                var layout = LlvmApi.CreateTargetDataLayout(_machine);
                LlvmApi.SetModuleDataLayout(Module, layout);
                LlvmApi.DisposeTargetData(layout);
                if (LlvmApi.VerifyModule(Module, LlvmApi.ReturnStatusAction, out var verifyError) != 0)
                {
                    throw new LlvmException($"the generated IR of '{moduleName}' does not verify: {LlvmApi.TakeMessage(verifyError)}");
                }

                LlvmApi.TakeMessage(verifyError);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public IntPtr Module { get; }

        public void RunPipeline()
        {
            var options = LlvmApi.CreatePassBuilderOptions();
            try
            {
                if (LlvmApi.TakeError(LlvmApi.RunPasses(Module, "default<O2>", _machine, options)) is { } error)
                {
                    throw new LlvmException($"LLVM's O2 pipeline failed: {error}");
                }
            }
            finally
            {
                LlvmApi.DisposePassBuilderOptions(options);
            }
        }

        public byte[] Emit(int fileType)
        {
            if (LlvmApi.TargetMachineEmitToMemoryBuffer(_machine, Module, fileType, out var error, out var buffer) != 0)
            {
                throw new LlvmException($"LLVM cannot emit code for {_target.Triple}: {LlvmApi.TakeMessage(error)}");
            }

            try
            {
                var bytes = new byte[checked((int)LlvmApi.GetBufferSize(buffer))];
                Marshal.Copy(LlvmApi.GetBufferStart(buffer), bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                LlvmApi.DisposeMemoryBuffer(buffer);
            }
        }

        public void Dispose()
        {
            if (_machine != IntPtr.Zero)
            {
                LlvmApi.DisposeTargetMachine(_machine);
            }

            if (Module != IntPtr.Zero)
            {
                LlvmApi.DisposeModule(Module);
            }

            if (_context != IntPtr.Zero)
            {
                LlvmApi.ContextDispose(_context);
            }
        }
    }
}
