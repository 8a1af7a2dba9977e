namespace MicroTvm.Conformance.Running;

/// <summary>
/// What the suite runs: on which boards, where the tables go, where builds go, optionally only
/// the cases whose name contains <see cref="Filter"/>, and with which code generator: the C
/// backend (one target-independent archive per model for every board), or, with
/// <see cref="LlvmCpu"/> set, LLVM objects for that CPU (so every board must have it).
/// </summary>
public sealed record SuiteOptions(ImmutableArray<string> Boards, string OutputDirectory, string WorkDirectory, string? Filter = null, string? LlvmCpu = null)
{
    /// <summary>The extra mtvm-opt arguments that select the code generator.</summary>
    public ImmutableArray<string> TargetArguments => LlvmCpu is { } cpu ? ["--target", "llvm", "-mcpu", cpu] : [];

    /// <summary>The boards CI runs on.</summary>
    public static ImmutableArray<string> CiBoards { get; } = ["qemu-mps2-an385", "qemu-mps2-an386", "qemu-riscv32"];

    /// <summary>Every emulated board (the nightly-size run).</summary>
    public static ImmutableArray<string> AllBoards { get; } = ["qemu-mps2-an385", "qemu-mps2-an386", "qemu-mps2-an500", "qemu-mps3-an547", "qemu-riscv32"];
}
