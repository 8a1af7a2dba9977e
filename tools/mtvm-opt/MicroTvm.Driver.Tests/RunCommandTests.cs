using MicroTvm.IR.IO;

namespace MicroTvm.Driver.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mtvm-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Model()
    {
        var path = Path.Combine(_directory, "m.mir");
        File.WriteAllText(path, "graph @main(%a: tensor<3xf32>) {\n  %r = relu(%a) : tensor<3xf32>\n  return %r\n}\n");
        return path;
    }

    private string Inputs(string name, TensorData tensor)
    {
        var path = Path.Combine(_directory, "in.npz");
        using var stream = File.Create(path);
        NpzArchive.Write(stream, new Dictionary<string, TensorData> { [name] = tensor });
        return path;
    }

    [Fact]
    public void RunsTheModelOnTheInterpreter()
    {
        var outputs = Path.Combine(_directory, "out.npz");
        var inputs = Inputs("a", TensorData.FromSingles(new TensorType(ElementType.F32, [3]), [-1f, 0.5f, 2f]));
        var (exit, _, error) = Tool.Run("run", Model(), "--board", "interpreter", "--inputs", inputs, "--outputs", outputs);
        Assert.True(exit == ExitCodes.Success, error);
        using var stream = File.OpenRead(outputs);
        var result = NpzArchive.Read(stream, outputs, new DiagnosticBag())!;
        Assert.Equal(new[] { 0f, 0.5f, 2f }, result["r"].ToSingles());
    }

    [Fact]
    public void ABadInputNamesTheTensorAndWhatWasExpected()
    {
        var inputs = Inputs("a", TensorData.FromSingles(new TensorType(ElementType.F32, [2]), [1f, 2f]));
        var (exit, _, error) = Tool.Run("run", Model(), "--inputs", inputs);
        Assert.Equal(ExitCodes.CompileError, exit);
        Assert.Contains("'a'", error);
        Assert.Contains("[3]", error);
    }

    [Fact]
    public void AnUnknownBoardIsAUsageError() =>
        Assert.Equal(ExitCodes.UsageError, Tool.Run("run", Model(), "--board", "stm32").Exit);
}
