using System.Reflection;
using System.Runtime.InteropServices;
using MicroTvm.Backends.LlvmObj.Native;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// Finds the system's libLLVM (Debian's <c>libllvm14</c>: <c>libLLVM-14.so.1</c>) and binds
/// <see cref="LlvmApi"/>'s imports to it. <c>MTVM_LIBLLVM</c> names another file. The emitted IR
/// uses LLVM 14's typed pointers, so only LLVM 14 is accepted. Nothing is loaded until an object
/// is asked for; a missing library is an <see cref="LlvmUnavailableException"/> naming the package.
/// </summary>
public static class LlvmLibrary
{
    /// <summary>The Debian package that ships the library.</summary>
    public const string DebianPackage = "libllvm14";

    /// <summary>The environment variable that overrides where the library is.</summary>
    public const string PathVariable = "MTVM_LIBLLVM";

    private static readonly string[] Candidates =
    [
        "libLLVM-14.so.1",
        "libLLVM-14.so",
        "/usr/lib/llvm-14/lib/libLLVM-14.so",
        "/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1",
        "/usr/lib/aarch64-linux-gnu/libLLVM-14.so.1",
    ];

    private static readonly Lock Gate = new();
    private static IntPtr _handle;
    private static bool _resolverSet;
    private static bool _targetsInitialised;

    /// <summary>Where the library was found, once loaded.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>Whether libLLVM can be loaded (loads it if so).</summary>
    public static bool IsAvailable
    {
        get
        {
            try
            {
                Load();
                return true;
            }
            catch (LlvmUnavailableException)
            {
                return false;
            }
        }
    }

    /// <summary>Loads libLLVM and initialises the ARM, RISC-V and x86 targets, once.</summary>
    /// <exception cref="LlvmUnavailableException">the library is not installed</exception>
    public static void Load()
    {
        lock (Gate)
        {
            if (_targetsInitialised)
            {
                return;
            }

            if (_handle == IntPtr.Zero)
            {
                var (handle, path) = Find();
                _handle = handle;
                LoadedFrom = path;
                if (!_resolverSet)
                {
                    NativeLibrary.SetDllImportResolver(typeof(LlvmLibrary).Assembly, Resolve);
                    _resolverSet = true;
                }
            }

            LlvmApi.InitializeX86TargetInfo();
            LlvmApi.InitializeX86Target();
            LlvmApi.InitializeX86TargetMC();
            LlvmApi.InitializeX86AsmPrinter();
            LlvmApi.InitializeArmTargetInfo();
            LlvmApi.InitializeArmTarget();
            LlvmApi.InitializeArmTargetMC();
            LlvmApi.InitializeArmAsmPrinter();
            LlvmApi.InitializeArmAsmParser();
            LlvmApi.InitializeRiscVTargetInfo();
            LlvmApi.InitializeRiscVTarget();
            LlvmApi.InitializeRiscVTargetMC();
            LlvmApi.InitializeRiscVAsmPrinter();
            _targetsInitialised = true;
        }
    }

    private static (IntPtr Handle, string Path) Find()
    {
        var overridden = Environment.GetEnvironmentVariable(PathVariable);
        string[] candidates = string.IsNullOrEmpty(overridden) ? Candidates : [overridden];
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                if (NativeLibrary.TryGetExport(handle, "LLVMRunPasses", out _) && NativeLibrary.TryGetExport(handle, "LLVMParseIRInContext", out _))
                {
                    return (handle, candidate);
                }

                NativeLibrary.Free(handle);
            }
        }

        var where = string.IsNullOrEmpty(overridden) ? $"tried {string.Join(", ", Candidates)}" : $"{PathVariable}={overridden} cannot be loaded";
        throw new LlvmUnavailableException(
            $"the LLVM backend needs libLLVM 14 ({where}); install it with: sudo apt-get install -y {DebianPackage}");
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == LlvmApi.Library ? _handle : IntPtr.Zero;
}
