using System.Runtime.InteropServices;

namespace MicroTvm.Backends.LlvmObj.Native;

/// <summary>
/// The few functions of libLLVM's C API (llvm-c/*.h, LLVM 14) this backend calls: parse textual
/// IR into a module, verify it, create a target machine, run the new pass manager's pipeline,
/// emit an object into memory. Handles are opaque pointers; strings LLVM returns are freed with
/// <see cref="DisposeMessage"/>. The library name is resolved by <see cref="LlvmLibrary"/>.
/// </summary>
internal static partial class LlvmApi
{
    public const string Library = "MicroTvm.LibLLVM";

    /// <summary>LLVMCodeGenOptLevel.</summary>
    public const int CodeGenLevelDefault = 2;

    /// <summary>LLVMRelocMode: LLVMRelocStatic, LLVMRelocPIC.</summary>
    public const int RelocStatic = 1;
    public const int RelocPic = 2;

    /// <summary>LLVMCodeModel: LLVMCodeModelDefault, LLVMCodeModelSmall, LLVMCodeModelMedium.</summary>
    public const int CodeModelDefault = 0;
    public const int CodeModelSmall = 3;
    public const int CodeModelMedium = 5;

    /// <summary>LLVMCodeGenFileType: LLVMAssemblyFile, LLVMObjectFile.</summary>
    public const int AssemblyFile = 0;
    public const int ObjectFile = 1;

    /// <summary>LLVMVerifierFailureAction: LLVMReturnStatusAction.</summary>
    public const int ReturnStatusAction = 2;

    // Core.h
    [LibraryImport(Library, EntryPoint = "LLVMContextCreate")]
    public static partial IntPtr ContextCreate();

    [LibraryImport(Library, EntryPoint = "LLVMContextDispose")]
    public static partial void ContextDispose(IntPtr context);

    [LibraryImport(Library, EntryPoint = "LLVMDisposeModule")]
    public static partial void DisposeModule(IntPtr module);

    [LibraryImport(Library, EntryPoint = "LLVMDisposeMessage")]
    public static partial void DisposeMessage(IntPtr message);

    [LibraryImport(Library, EntryPoint = "LLVMSetTarget", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SetTarget(IntPtr module, string triple);

    [LibraryImport(Library, EntryPoint = "LLVMPrintModuleToString")]
    public static partial IntPtr PrintModuleToString(IntPtr module);

    [LibraryImport(Library, EntryPoint = "LLVMCreateMemoryBufferWithMemoryRangeCopy", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial IntPtr CreateMemoryBufferWithMemoryRangeCopy(byte* data, nuint length, string bufferName);

    [LibraryImport(Library, EntryPoint = "LLVMGetBufferStart")]
    public static partial IntPtr GetBufferStart(IntPtr buffer);

    [LibraryImport(Library, EntryPoint = "LLVMGetBufferSize")]
    public static partial nuint GetBufferSize(IntPtr buffer);

    [LibraryImport(Library, EntryPoint = "LLVMDisposeMemoryBuffer")]
    public static partial void DisposeMemoryBuffer(IntPtr buffer);

    // IRReader.h: takes ownership of the buffer.
    [LibraryImport(Library, EntryPoint = "LLVMParseIRInContext")]
    public static partial int ParseIrInContext(IntPtr context, IntPtr buffer, out IntPtr module, out IntPtr message);

    // Analysis.h
    [LibraryImport(Library, EntryPoint = "LLVMVerifyModule")]
    public static partial int VerifyModule(IntPtr module, int action, out IntPtr message);

    // Target.h: the per-target initialisers (LLVMInitializeAllTargets is a static inline in the header).
    [LibraryImport(Library, EntryPoint = "LLVMInitializeX86TargetInfo")]
    public static partial void InitializeX86TargetInfo();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeX86Target")]
    public static partial void InitializeX86Target();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeX86TargetMC")]
    public static partial void InitializeX86TargetMC();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeX86AsmPrinter")]
    public static partial void InitializeX86AsmPrinter();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeARMTargetInfo")]
    public static partial void InitializeArmTargetInfo();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeARMTarget")]
    public static partial void InitializeArmTarget();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeARMTargetMC")]
    public static partial void InitializeArmTargetMC();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeARMAsmPrinter")]
    public static partial void InitializeArmAsmPrinter();

    /// <summary>The Arm assembly parser: module-level assembly (the build attribute directive) needs it.</summary>
    [LibraryImport(Library, EntryPoint = "LLVMInitializeARMAsmParser")]
    public static partial void InitializeArmAsmParser();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeRISCVTargetInfo")]
    public static partial void InitializeRiscVTargetInfo();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeRISCVTarget")]
    public static partial void InitializeRiscVTarget();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeRISCVTargetMC")]
    public static partial void InitializeRiscVTargetMC();

    [LibraryImport(Library, EntryPoint = "LLVMInitializeRISCVAsmPrinter")]
    public static partial void InitializeRiscVAsmPrinter();

    // TargetMachine.h
    [LibraryImport(Library, EntryPoint = "LLVMGetTargetFromTriple", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetTargetFromTriple(string triple, out IntPtr target, out IntPtr message);

    [LibraryImport(Library, EntryPoint = "LLVMCreateTargetMachine", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr CreateTargetMachine(IntPtr target, string triple, string cpu, string features, int level, int reloc, int codeModel);

    [LibraryImport(Library, EntryPoint = "LLVMDisposeTargetMachine")]
    public static partial void DisposeTargetMachine(IntPtr machine);

    [LibraryImport(Library, EntryPoint = "LLVMCreateTargetDataLayout")]
    public static partial IntPtr CreateTargetDataLayout(IntPtr machine);

    [LibraryImport(Library, EntryPoint = "LLVMSetModuleDataLayout")]
    public static partial void SetModuleDataLayout(IntPtr module, IntPtr dataLayout);

    [LibraryImport(Library, EntryPoint = "LLVMDisposeTargetData")]
    public static partial void DisposeTargetData(IntPtr dataLayout);

    [LibraryImport(Library, EntryPoint = "LLVMTargetMachineEmitToMemoryBuffer")]
    public static partial int TargetMachineEmitToMemoryBuffer(IntPtr machine, IntPtr module, int fileType, out IntPtr message, out IntPtr buffer);

    // Transforms/PassBuilder.h (LLVM 13+) and Error.h
    [LibraryImport(Library, EntryPoint = "LLVMCreatePassBuilderOptions")]
    public static partial IntPtr CreatePassBuilderOptions();

    [LibraryImport(Library, EntryPoint = "LLVMDisposePassBuilderOptions")]
    public static partial void DisposePassBuilderOptions(IntPtr options);

    [LibraryImport(Library, EntryPoint = "LLVMRunPasses", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr RunPasses(IntPtr module, string passes, IntPtr machine, IntPtr options);

    [LibraryImport(Library, EntryPoint = "LLVMGetErrorMessage")]
    public static partial IntPtr GetErrorMessage(IntPtr error);

    [LibraryImport(Library, EntryPoint = "LLVMDisposeErrorMessage")]
    public static partial void DisposeErrorMessage(IntPtr message);

    /// <summary>Reads and frees a message LLVM allocated (null gives "").</summary>
    public static string TakeMessage(IntPtr message)
    {
        if (message == IntPtr.Zero)
        {
            return string.Empty;
        }

        var text = Marshal.PtrToStringUTF8(message) ?? string.Empty;
        DisposeMessage(message);
        return text;
    }

    /// <summary>Reads and frees an LLVMErrorRef's message; null (success) gives null.</summary>
    public static string? TakeError(IntPtr error)
    {
        if (error == IntPtr.Zero)
        {
            return null;
        }

        var message = GetErrorMessage(error);
        var text = Marshal.PtrToStringUTF8(message) ?? "unknown LLVM error";
        DisposeErrorMessage(message);
        return text;
    }
}
