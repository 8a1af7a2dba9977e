using System.Text.Json;
using MicroTvm.IR.IO;
using MicroTvm.IR.Testing;

namespace MicroTvm.Driver.Tests;

/// <summary><c>micro create-project / build / flash</c> and <c>run PROJECT</c>, on the host board (gcc and make only).</summary>
public sealed class MicroCommandTests : IDisposable
{
    private static readonly string Pipeline = Path.Combine(TestPaths.RepoRoot, "pipelines", "aot.pass");
    private static readonly string Sample = Path.Combine(TestPaths.RepoRoot, "samples", "tiny_cnn.mir");

    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-micro-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [InstallableToolFact("make")]
    public void AProjectIsSelfContainedBuildsFlashesAndRunsLikeTheInterpreter()
    {
        var compile = Tool.Run("--pipeline", Pipeline, Sample, "-o", PathOf("tiny_cnn.tar"));
        Assert.True(compile.Exit == ExitCodes.Success, compile.Error);
        var create = Tool.Run("micro", "create-project", "--template", "host", "--mlf", PathOf("tiny_cnn.tar"), "-o", PathOf("project"));
        Assert.True(create.Exit == ExitCodes.Success, create.Error);

        var options = File.ReadAllText(PathOf("project/mtvm-project.json"));
        Assert.Equal("host", JsonDocument.Parse(options).RootElement.GetProperty("board").GetString());
        Assert.DoesNotContain(_directory, options);
        Assert.DoesNotContain(TestPaths.RepoRoot, options);

        Directory.Move(PathOf("project"), PathOf("moved"));
        var build = Tool.Run("micro", "build", PathOf("moved"));
        Assert.True(build.Exit == ExitCodes.Success, build.Error);
        var flash = Tool.Run("micro", "flash", PathOf("moved"));
        Assert.True(flash.Exit == ExitCodes.Success, flash.Error);
        Assert.Contains("flash", flash.Output);

        var module = IR.Text.ModuleParser.Parse(File.ReadAllText(Sample), Sample).Module!;
        using (var stream = File.Create(PathOf("in.npz")))
        {
            NpzArchive.Write(stream, RandomTensors.ForInputs(module.Main, 5));
        }

        var reference = Tool.Run("run", Sample, "--board", "interpreter", "--inputs", PathOf("in.npz"), "--outputs", PathOf("ref.npz"));
        Assert.True(reference.Exit == ExitCodes.Success, reference.Error);
        var run = Tool.Run("run", PathOf("moved"), "--inputs", PathOf("in.npz"), "--outputs", PathOf("out.npz"));
        Assert.True(run.Exit == ExitCodes.Success, run.Error);
        Assert.Equal(File.ReadAllBytes(PathOf("ref.npz")), File.ReadAllBytes(PathOf("out.npz")));
    }

    [Fact]
    public void ABoardThatIsNotTheProjectsIsAUsageError()
    {
        Assert.Equal(ExitCodes.Success, Tool.Run("--pipeline", Pipeline, Sample, "-o", PathOf("m.tar")).Exit);
        Assert.Equal(ExitCodes.Success, Tool.Run("micro", "create-project", "--template", "host", "--mlf", PathOf("m.tar"), "-o", PathOf("p")).Exit);
        var (exit, _, error) = Tool.Run("run", PathOf("p"), "--board", "qemu-mps2-an386");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("host", error);
    }

    [Fact]
    public void AnUnknownTemplateIsAUsageErrorListingTheBoards()
    {
        Assert.Equal(ExitCodes.Success, Tool.Run("--pipeline", Pipeline, Sample, "-o", PathOf("m.tar")).Exit);
        var (exit, _, error) = Tool.Run("micro", "create-project", "--template", "stm32f4", "--mlf", PathOf("m.tar"), "-o", PathOf("p"));
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("qemu-mps2-an386", error);
    }
}
