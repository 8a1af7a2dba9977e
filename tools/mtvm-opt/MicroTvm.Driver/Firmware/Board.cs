namespace MicroTvm.Driver.Firmware;

/// <summary>
/// A board firmware can be built for and run on: its template (runtime/templates/&lt;Name&gt;), the C
/// compiler and emulator it needs and the Debian packages that provide them.
/// </summary>
internal sealed record Board(string Name, string Cpu, string Compiler, ImmutableArray<string> CompilerPackages, string? Emulator, ImmutableArray<string> EmulatorPackages)
{
    private static readonly ImmutableArray<string> ArmGcc = ["gcc-arm-none-eabi", "libnewlib-arm-none-eabi"];

    public static ImmutableArray<Board> All { get; } =
    [
        new("host", "host", "gcc", ["gcc"], null, []),
        new("qemu-mps2-an385", "cortex-m3", "arm-none-eabi-gcc", ArmGcc, "qemu-system-arm", ["qemu-system-arm"]),
        new("qemu-mps2-an386", "cortex-m4", "arm-none-eabi-gcc", ArmGcc, "qemu-system-arm", ["qemu-system-arm"]),
        new("qemu-mps2-an500", "cortex-m7", "arm-none-eabi-gcc", ArmGcc, "qemu-system-arm", ["qemu-system-arm"]),
        new("qemu-mps3-an547", "cortex-m55", "arm-none-eabi-gcc", ArmGcc, "qemu-system-arm", ["qemu-system-arm"]),
        new("qemu-riscv32", "riscv32", "riscv64-unknown-elf-gcc", ["gcc-riscv64-unknown-elf"], "qemu-system-riscv32", ["qemu-system-misc"]),
    ];

    public static Board? Find(string name) => All.FirstOrDefault(b => b.Name == name);
}
