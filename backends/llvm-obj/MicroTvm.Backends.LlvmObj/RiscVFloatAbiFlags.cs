using System.Buffers.Binary;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// LLVM 14 compiles RISC-V code for the ABI of the module's <c>target-abi</c> flag (ilp32f: float
/// arguments in fa0…) but writes the ELF header's float-ABI bits from the target machine's ABI
/// option, which its C API cannot set, so an ilp32f object says "soft-float" and GNU ld refuses to
/// link it with gcc's <c>-mabi=ilp32f</c> objects. This writes the bits the code really follows.
/// </summary>
internal static class RiscVFloatAbiFlags
{
    private const int FlagsOffset32 = 36;
    private const uint FloatAbiMask = 0x6;

    public static void Apply(byte[] elf, LlvmTarget target)
    {
        if (target.ElfMachine != LlvmTarget.MachineRiscV || target.PointerBytes != 4)
        {
            return;
        }

        var wanted = target.Abi switch
        {
            "ilp32f" => 0x2u,
            "ilp32d" => 0x4u,
            _ => 0x0u,
        };
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(FlagsOffset32));
        BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(FlagsOffset32), (flags & ~FloatAbiMask) | wanted);
    }
}
