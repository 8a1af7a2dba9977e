using MicroTvm.Backends.LlvmObj.Native;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// One CPU objects are emitted for: the LLVM triple, CPU and features, relocation and code model,
/// and what the ELF header must say, chosen to match the gcc flags of runtime/templates/&lt;board&gt;
/// so that the objects link with the runtime and firmware gcc builds there:
/// <list type="table">
/// <item><term>host</term><description>x86_64 Linux, PIC (the host template and harnesses link PIE)</description></item>
/// <item><term>cortex-m3</term><description><c>-mcpu=cortex-m3 -mthumb -mfloat-abi=soft</c>: thumbv7m, soft-float EABI</description></item>
/// <item><term>cortex-m4</term><description><c>-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16</c>: thumbv7em eabihf</description></item>
/// <item><term>cortex-m7</term><description><c>-mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-d16</c>: thumbv7em eabihf</description></item>
/// <item><term>cortex-m55</term><description><c>-mcpu=cortex-m55 -mfloat-abi=hard</c>: thumbv8.1m.main eabihf, MVE with float</description></item>
/// <item><term>riscv32</term><description><c>-march=rv32imafc -mabi=ilp32f -mcmodel=medany</c></description></item>
/// </list>
/// </summary>
public sealed record LlvmTarget(
    string Cpu,
    string Triple,
    string LlvmCpu,
    string Features,
    bool PositionIndependent,
    int PointerBytes,
    string? Abi,
    ushort ElfMachine,
    uint ElfFlags)
{
    /// <summary>EM_X86_64, EM_ARM, EM_RISCV.</summary>
    public const ushort MachineX86_64 = 62;
    public const ushort MachineArm = 40;
    public const ushort MachineRiscV = 243;

    /// <summary>
    /// e_flags of a relocatable object: EF_ARM_EABI_VER5 (the float ABI of Arm objects is in the
    /// build attributes, Tag_ABI_VFP_args, as in gcc's); EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_SINGLE.
    /// </summary>
    public const uint ArmEabi5 = 0x05000000;
    public const uint RiscVCompressedSingleFloat = 0x1 | 0x2;

    public static ImmutableArray<LlvmTarget> Known { get; } =
    [
        new("host", "x86_64-pc-linux-gnu", "x86-64", string.Empty, true, 8, null, MachineX86_64, 0),
        new("cortex-m3", "thumbv7m-none-eabi", "cortex-m3", string.Empty, false, 4, null, MachineArm, ArmEabi5),
        new("cortex-m4", "thumbv7em-none-eabihf", "cortex-m4", "+vfp4d16sp", false, 4, null, MachineArm, ArmEabi5),
        new("cortex-m7", "thumbv7em-none-eabihf", "cortex-m7", "+fp-armv8d16", false, 4, null, MachineArm, ArmEabi5),
        new("cortex-m55", "thumbv8.1m.main-none-eabihf", "cortex-m55", "+mve.fp,+fp-armv8d16", false, 4, null, MachineArm, ArmEabi5),
        new("riscv32", "riscv32-unknown-elf", "generic-rv32", "+m,+a,+f,+c", false, 4, "ilp32f", MachineRiscV, RiscVCompressedSingleFloat),
    ];

    /// <summary>The CPU names, for messages.</summary>
    public static string Names => string.Join(", ", Known.Select(t => t.Cpu));

    /// <summary>Hard-float Arm (the <c>eabihf</c> triples): float arguments in VFP registers.</summary>
    public bool IsArmHardFloat => ElfMachine == MachineArm && Triple.EndsWith("eabihf", StringComparison.Ordinal);

    /// <summary>
    /// The calling convention of calls with float arguments (libm's): LLVM 14's C API cannot set
    /// the target machine's float ABI, which stays soft whatever the triple says, so hard-float
    /// targets name AAPCS-VFP on every such declaration and call.
    /// </summary>
    public string FloatCallingConvention => IsArmHardFloat ? "arm_aapcs_vfpcc " : string.Empty;

    /// <summary>Arm's DSP extension (SXTB16, SMLAD): Cortex-M4, M7 and M55, as gcc's <c>__ARM_FEATURE_DSP</c>.</summary>
    public bool HasDsp => Cpu is "cortex-m4" or "cortex-m7" or "cortex-m55";

    /// <summary>size_t and pointer-sized integers in the emitted IR.</summary>
    public string SizeType => PointerBytes == 8 ? "i64" : "i32";

    internal int RelocationModel => PositionIndependent ? LlvmApi.RelocPic : LlvmApi.RelocStatic;

    /// <summary><c>-mcmodel=medany</c> is LLVM's medium model on RISC-V; elsewhere the default.</summary>
    internal int CodeModel => ElfMachine == MachineRiscV ? LlvmApi.CodeModelMedium : LlvmApi.CodeModelDefault;

    public static LlvmTarget? Find(string cpu) => Known.FirstOrDefault(t => t.Cpu == cpu);
}
