namespace MicroTvm.Driver.Output;

/// <summary>
/// What the code is generated for: the backend and the CPU. With <c>c</c> the CPU decides the C
/// compiler and flags used when objects or static libraries are asked for; with <c>llvm</c>
/// (backends/llvm-obj) libLLVM emits the object in process for the same CPU, and the C compiler
/// named here only archives it. The flags match the firmware templates' (runtime/templates), so
/// objects link with the runtime built there.
/// </summary>
internal sealed record CompileTarget(string Backend, string Cpu, string Compiler, ImmutableArray<string> Flags, ImmutableArray<string> DebianPackages)
{
    public const string DefaultCpu = "host";

    private static readonly ImmutableArray<string> Common = ["-std=c99", "-O2", "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra", "-pedantic"];

    private static readonly ImmutableArray<string> ArmPackages = ["gcc-arm-none-eabi", "libnewlib-arm-none-eabi"];

    public static ImmutableArray<CompileTarget> Known { get; } =
    [
        new("c", "host", "gcc", [.. Common, "-fPIC"], ["gcc"]),
        new("c", "cortex-m3", "arm-none-eabi-gcc", [.. Common, "-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"], ArmPackages),
        new("c", "cortex-m4", "arm-none-eabi-gcc", [.. Common, "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"], ArmPackages),
        new("c", "cortex-m7", "arm-none-eabi-gcc", [.. Common, "-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-d16"], ArmPackages),
        new("c", "cortex-m55", "arm-none-eabi-gcc", [.. Common, "-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"], ArmPackages),
        new("c", "riscv32", "riscv64-unknown-elf-gcc", [.. Common, "-march=rv32imafc", "-mabi=ilp32f", "-mcmodel=medany"], ["gcc-riscv64-unknown-elf"]),
    ];

    public string Archiver => Compiler.EndsWith("gcc", StringComparison.Ordinal) && Compiler != "gcc" ? Compiler[..^3] + "ar" : "ar";

    /// <summary>The code generators: the C backend, and LLVM objects (backends/llvm-obj).</summary>
    public static ImmutableArray<string> Backends { get; } = ["c", "llvm"];

    public bool IsLlvm => Backend == "llvm";

    public static CompileTarget Find(string backend, string cpu)
    {
        if (!Backends.Contains(backend))
        {
            throw new UsageException($"unknown target '{backend}'; the targets are: {string.Join(", ", Backends)}");
        }

        var target = Known.FirstOrDefault(t => t.Cpu == cpu)
            ?? throw new UsageException($"unknown CPU '{cpu}'; the CPUs are: {string.Join(", ", Known.Select(t => t.Cpu))}");
        return target with { Backend = backend };
    }
}
