using System.Formats.Tar;
using System.Text.Json;
using MicroTvm.IR.IO;

namespace MicroTvm.Driver.Tests;

/// <summary>
/// <c>--target llvm</c> and the pipeline's <c>-D target=llvm</c>: objects, static libraries and
/// Model Library Format archives from the LLVM backend, and firmware that links the LLVM object
/// and gives the interpreter's outputs on the emulated boards.
/// </summary>
public sealed class LlvmTargetTests : IDisposable
{
    private static readonly string Pipeline = Path.Combine(TestPaths.RepoRoot, "pipelines", "aot.pass");
    private static readonly string Sample = Path.Combine(TestPaths.RepoRoot, "samples", "tiny_cnn.mir");

    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-llvm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [LibLlvmFact("readelf")]
    public void ThePipelinesTargetDefineGivesAnLlvmObjectForTheChosenCpu()
    {
        var (exit, output, error) = Tool.Run("--pipeline", Pipeline, "-D", "target=llvm", "-D", "mcpu=cortex-m4", Sample, "-o", PathOf("model.o"));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("object for cortex-m4", output);
        var elf = File.ReadAllBytes(PathOf("model.o"));
        Assert.Equal(40, BitConverter.ToUInt16(elf, 18)); // e_machine EM_ARM
        var attributes = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("readelf", ["-A", PathOf("model.o")]) { RedirectStandardOutput = true })!;
        var text = attributes.StandardOutput.ReadToEnd();
        attributes.WaitForExit();
        Assert.Contains("Tag_CPU_arch: v7E-M", text);
        Assert.Contains("Tag_ABI_VFP_args: VFP registers", text);
    }

    [LibLlvmFact]
    public void TheCommandLineWinsOverTheDefineAndTheArchiveCarriesTheObject()
    {
        var (exit, _, error) = Tool.Run("--pipeline", Pipeline, "-D", "target=c", "--target", "llvm", "-mcpu", "riscv32", Sample, "-o", PathOf("model.tar"));
        Assert.True(exit == ExitCodes.Success, error);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var reader = new TarReader(File.OpenRead(PathOf("model.tar"))))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is { } data)
                {
                    using var copy = new MemoryStream();
                    data.CopyTo(copy);
                    entries[entry.Name] = copy.ToArray();
                }
            }
        }

        var elf = entries["codegen/host/lib/mtvmgen_tiny_cnn.o"];
        Assert.Equal(243, BitConverter.ToUInt16(elf, 18)); // e_machine EM_RISCV
        Assert.Equal(0x3u, BitConverter.ToUInt32(elf, 36)); // RVC, single-float ABI
        using var metadata = JsonDocument.Parse(entries["metadata.json"]);
        var target = metadata.RootElement.GetProperty("target");
        Assert.Equal("llvm", target.GetProperty("backend").GetString());
        Assert.Equal("riscv32", target.GetProperty("cpu").GetString());
    }

    [Fact]
    public void AnUnknownTargetIsAUsageErrorListingTheKnownOnes()
    {
        var (exit, _, error) = Tool.Run("--pipeline", Pipeline, "-D", "target=wasm", Sample, "-o", PathOf("model.o"));
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("unknown target 'wasm'; the targets are: c, llvm", error);
    }

    public static TheoryData<string> Boards() => ["qemu-mps2-an385", "qemu-mps2-an386", "qemu-mps2-an500", "qemu-mps3-an547", "qemu-riscv32"];

    /// <summary>The firmware links the LLVM object (the C source is not compiled) and computes what the interpreter does.</summary>
    [LibLlvmTheory("make")]
    [MemberData(nameof(Boards))]
    public void TinyCnnWithLlvmObjectsGivesTheInterpretersOutputsOnTheBoard(string board)
    {
        var random = new Random(board.GetHashCode(StringComparison.Ordinal));
        var input = new byte[256];
        random.NextBytes(input);
        using (var stream = File.Create(PathOf("in.npz")))
        {
            NpzArchive.Write(stream, new Dictionary<string, TensorData> { ["input"] = new TensorData(new TensorType(ElementType.I8, [1, 16, 16, 1]), input) });
        }

        var reference = Tool.Run("run", Sample, "--board", "interpreter", "--inputs", PathOf("in.npz"), "--outputs", PathOf("ref.npz"));
        Assert.True(reference.Exit == ExitCodes.Success, reference.Error);
        var run = Tool.Run("run", Sample, "--board", board, "--target", "llvm", "--inputs", PathOf("in.npz"), "--outputs", PathOf("llvm.npz"));
        Assert.True(run.Exit == ExitCodes.Success, run.Error);
        Assert.Contains("instructions per inference", run.Output);
        Assert.Equal(Output(PathOf("ref.npz")), Output(PathOf("llvm.npz")));
    }

    [LibLlvmFact]
    public void AnArchiveCompiledForAnotherCpuIsAUsageErrorNamingBoth()
    {
        var (exit, _, error) = Tool.Run("--pipeline", Pipeline, "--target", "llvm", "-mcpu", "cortex-m4", Sample, "-o", PathOf("m4.tar"));
        Assert.True(exit == ExitCodes.Success, error);
        var run = Tool.Run("run", PathOf("m4.tar"), "--board", "qemu-mps2-an385", "--inputs", PathOf("none.npz"));
        Assert.Equal(ExitCodes.UsageError, run.Exit);
        Assert.Contains("compiled by LLVM for cortex-m4; board qemu-mps2-an385 needs cortex-m3", run.Error);
    }

    private static byte[] Output(string path)
    {
        using var stream = File.OpenRead(path);
        var outputs = NpzArchive.Read(stream, path, new DiagnosticBag())!;
        return outputs["output"].Bytes.ToArray();
    }
}
