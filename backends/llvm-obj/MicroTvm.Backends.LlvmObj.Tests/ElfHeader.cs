using System.Buffers.Binary;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>The fields of an ELF header the target tests check (ELF specification, little-endian files only).</summary>
internal sealed record ElfHeader(int Class, int Data, int Type, int Machine, uint Flags)
{
    public static ElfHeader Read(byte[] file)
    {
        Assert.True(file.Length > 52 && file[0] == 0x7F && file[1] == (byte)'E' && file[2] == (byte)'L' && file[3] == (byte)'F', "not an ELF file");
        var is64 = file[4] == 2;
        var span = file.AsSpan();
        return new ElfHeader(
            file[4],
            file[5],
            BinaryPrimitives.ReadUInt16LittleEndian(span[16..]),
            BinaryPrimitives.ReadUInt16LittleEndian(span[18..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[(is64 ? 48 : 36)..]));
    }
}
