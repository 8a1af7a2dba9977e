using System.Formats.Tar;
using System.Text.Json;

namespace MicroTvm.Driver.Tests;

/// <summary>-o with generated code: the Model Library Format archive, C sources, objects and static libraries.</summary>
public sealed class CodeOutputTests : IDisposable
{
    private static readonly string Pipeline = Path.Combine(TestPaths.RepoRoot, "pipelines", "aot.pass");
    private static readonly string Sample = Path.Combine(TestPaths.RepoRoot, "samples", "tiny_cnn.mir");

    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-out-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private (int Exit, string Output, string Error) Compile(string output, params string[] more) =>
        Tool.Run(["--pipeline", Pipeline, Sample, "-o", output, .. more]);

    [Fact]
    public void TwoCompilesOfOneModelGiveTheSameArchiveBytes()
    {
        var first = Compile(PathOf("a.tar"));
        Assert.True(first.Exit == ExitCodes.Success, first.Error);
        Directory.SetCurrentDirectory(Path.GetTempPath());
        var second = Compile(PathOf("b.tar"));
        Assert.True(second.Exit == ExitCodes.Success, second.Error);
        Assert.Equal(File.ReadAllBytes(PathOf("a.tar")), File.ReadAllBytes(PathOf("b.tar")));
    }

    [Fact]
    public void TheArchiveHasTheModelLibraryFormatLayoutAndNoHostPaths()
    {
        var (exit, output, error) = Compile(PathOf("m.tar"));
        Assert.True(exit == ExitCodes.Success, error);
        var entries = Entries(PathOf("m.tar"));
        foreach (var expected in new[]
        {
            "metadata.json", "codegen/host/include/mtvmgen_tiny_cnn.h", "codegen/host/src/mtvmgen_tiny_cnn.c",
            "parameters/tiny_cnn.params.npz", "src/tiny_cnn.mir", "runtime/include/mtvm/runtime.h", "runtime/src/runtime.c",
            "templates/host/Makefile", "templates/common/mtvm_main.c", "templates/qemu-mps2-an386/linker.ld",
        })
        {
            Assert.Contains(expected, entries.Keys);
        }

        Assert.DoesNotContain(entries.Keys, name => name.StartsWith("codegen/host/lib/", StringComparison.Ordinal));
        Assert.All(entries, entry => Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), entry.Value.ModificationTime));
        var text = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(PathOf("m.tar")));
        Assert.DoesNotContain(_directory, text);
        Assert.DoesNotContain(TestPaths.RepoRoot, text);
        Assert.Contains("tiny_cnn: 7 ops in, 7 kernels out", output);
        Assert.Contains("wrote Model Library Format archive", output);
    }

    [Fact]
    public void MetadataMirrorsTheHeaderMacrosAndCountsKernels()
    {
        Assert.Equal(ExitCodes.Success, Compile(PathOf("m.tar")).Exit);
        var files = Extract(PathOf("m.tar"));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(files, "metadata.json")));
        var root = metadata.RootElement;
        var header = File.ReadAllText(Path.Combine(files, "codegen", "host", "include", "mtvmgen_tiny_cnn.h"));
        Assert.Equal("tiny_cnn", root.GetProperty("name").GetString());
        var input = root.GetProperty("inputs")[0];
        Assert.Equal("int8", input.GetProperty("dtype").GetString());
        Assert.Equal([1, 16, 16, 1], input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Contains($"#define MTVMGEN_TINY_CNN_INPUT_INPUT_SIZE {input.GetProperty("bytes").GetInt64()}\n", header);
        var pool = root.GetProperty("pools")[0];
        Assert.Contains($"#define MTVMGEN_TINY_CNN_POOL_WORKSPACE_SIZE {pool.GetProperty("bytes").GetInt64()}\n", header);
        Assert.Contains($"#define MTVMGEN_TINY_CNN_POOL_WORKSPACE_ALIGNMENT {pool.GetProperty("alignment").GetInt64()}\n", header);
        Assert.Equal(45_120, root.GetProperty("totals").GetProperty("macs").GetInt64());
        Assert.Equal(45_120, root.GetProperty("kernels").EnumerateArray().Sum(k => k.GetProperty("macs").GetInt64()));
        var memory = root.GetProperty("memory");
        Assert.True(memory.GetProperty("activation_bytes").GetInt64() >= memory.GetProperty("lower_bound_bytes").GetInt64());
        Assert.True(memory.GetProperty("lower_bound_bytes_with_io").GetInt64() >= memory.GetProperty("lower_bound_bytes").GetInt64());
        Assert.Equal(260, memory.GetProperty("io_bytes").GetInt64());
        Assert.False(memory.GetProperty("io_in_pool").GetBoolean());
        Assert.False(input.TryGetProperty("offset", out _));
    }

    [Fact]
    public void WithTheIoInThePoolMetadataAndHeaderGiveEachTensorsPlace()
    {
        var (exit, _, error) = Compile(PathOf("io.tar"), "-D", "io-pool=workspace");
        Assert.True(exit == ExitCodes.Success, error);
        var files = Extract(PathOf("io.tar"));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(files, "metadata.json")));
        var root = metadata.RootElement;
        var header = File.ReadAllText(Path.Combine(files, "codegen", "host", "include", "mtvmgen_tiny_cnn.h"));
        var memory = root.GetProperty("memory");
        Assert.True(memory.GetProperty("io_in_pool").GetBoolean());
        Assert.Equal(memory.GetProperty("lower_bound_bytes_with_io").GetInt64(), memory.GetProperty("lower_bound_bytes").GetInt64());
        foreach (var (kind, tensor) in new[] { ("INPUT_INPUT", root.GetProperty("inputs")[0]), ("OUTPUT_OUTPUT", root.GetProperty("outputs")[0]) })
        {
            Assert.Equal("workspace", tensor.GetProperty("pool").GetString());
            Assert.Contains($"#define MTVMGEN_TINY_CNN_{kind}_POOL_OFFSET {tensor.GetProperty("offset").GetInt64()} ", header);
        }

        Assert.Contains("static inline void mtvmgen_tiny_cnn_io_in_pools(", header);
    }

    [Fact]
    public void ADirectoryGetsTheCSources()
    {
        var directory = PathOf("c") + "/";
        Assert.Equal(ExitCodes.Success, Compile(directory).Exit);
        Assert.True(File.Exists(Path.Combine(directory, "include", "mtvmgen_tiny_cnn.h")));
        Assert.True(File.Exists(Path.Combine(directory, "src", "mtvmgen_tiny_cnn.c")));
    }

    [Fact]
    public void AnObjectAndAStaticLibraryForTheHostAreElfAndArchive()
    {
        var (exit, _, error) = Compile(PathOf("m.o"));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(PathOf("m.o"))[..4]);
        (exit, _, error) = Compile(PathOf("m.a"));
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Equal("!<arch>\n"u8.ToArray(), File.ReadAllBytes(PathOf("m.a"))[..8]);
        (exit, _, error) = Compile(PathOf("with-objects.tar"), "--with-objects");
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("codegen/host/lib/mtvmgen_tiny_cnn.o", Entries(PathOf("with-objects.tar")).Keys);
    }

    [InstallableToolFact("arm-none-eabi-gcc")]
    public void ACortexM4ObjectIsAnArmElf()
    {
        var (exit, _, error) = Compile(PathOf("m4.o"), "-mcpu=cortex-m4");
        Assert.True(exit == ExitCodes.Success, error);
        var elf = File.ReadAllBytes(PathOf("m4.o"));
        Assert.Equal(40, BitConverter.ToUInt16(elf, 18)); // e_machine EM_ARM
        var attributes = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("readelf", ["-A", PathOf("m4.o")]) { RedirectStandardOutput = true })!;
        var text = attributes.StandardOutput.ReadToEnd();
        attributes.WaitForExit();
        Assert.Contains("Tag_CPU_arch: v7E-M", text);
        Assert.Contains("Tag_ABI_VFP_args: VFP registers", text);
    }

    [Fact]
    public void AnExplicitFormatWinsOverTheExtensionAndAnUnknownExtensionIsAUsageError()
    {
        Assert.Equal(ExitCodes.Success, Compile(PathOf("archive.bin"), "--output-format", "mlf").Exit);
        Assert.Contains("metadata.json", Entries(PathOf("archive.bin")).Keys);
        var (exit, _, error) = Compile(PathOf("model.zip"));
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--output-format", error);
        Assert.Equal(ExitCodes.UsageError, Compile(PathOf("x.tar"), "--output-format", "elf").Exit);
    }

    [Fact]
    public void CodeWithoutAnExecutorIsACompileErrorNamingThePasses()
    {
        var (exit, _, error) = Tool.Run("--pipeline", Pipeline, "--pipeline-name", "kernels", Sample, "-o", PathOf("k.tar"));
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Contains("build-aot-executor", error);
        Assert.Contains("plan-memory", error);
        Assert.False(File.Exists(PathOf("k.tar")));
    }

    [Fact]
    public void AnUnknownCpuIsAUsageErrorListingTheKnownOnes()
    {
        var (exit, _, error) = Compile(PathOf("m.o"), "-mcpu=cortex-a53");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("cortex-m4", error);
    }

    private static Dictionary<string, TarEntry> Entries(string archive)
    {
        using var stream = File.OpenRead(archive);
        using var reader = new TarReader(stream);
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } entry)
        {
            entries[entry.Name] = entry;
        }

        return entries;
    }

    private string Extract(string archive)
    {
        var directory = PathOf("extracted");
        Directory.CreateDirectory(directory);
        TarFile.ExtractToDirectory(archive, directory, overwriteFiles: true);
        return directory;
    }
}
