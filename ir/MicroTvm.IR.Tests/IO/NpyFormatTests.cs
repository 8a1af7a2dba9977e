using System.IO.Compression;
using System.Text;
using MicroTvm.IR.Interpretation;
using MicroTvm.IR.IO;

namespace MicroTvm.IR.Tests.IO;

public sealed class NpyFormatTests
{
    private static TensorData Sample(ElementType type, params int[] shape)
    {
        var tensorType = new TensorType(type, [.. shape]);
        return type == ElementType.F32
            ? TensorData.FromSingles(tensorType, [.. Enumerable.Range(0, (int)tensorType.ElementCount).Select(i => i * 0.5f - 1)])
            : TensorData.FromInt64s(tensorType, [.. Enumerable.Range(0, (int)tensorType.ElementCount).Select(i => type == ElementType.Bool ? i % 2 : (long)i - 1)]);
    }

    [Theory]
    [InlineData(ElementType.F32, new[] { 2, 3 })]
    [InlineData(ElementType.I8, new[] { 4 })]
    [InlineData(ElementType.U8, new int[0])]
    [InlineData(ElementType.I16, new[] { 1, 2, 2 })]
    [InlineData(ElementType.I32, new[] { 3 })]
    [InlineData(ElementType.I64, new[] { 2, 1 })]
    [InlineData(ElementType.Bool, new[] { 5 })]
    public void EveryDtypeRoundTrips(ElementType type, int[] shape)
    {
        var tensor = Sample(type == ElementType.U8 ? ElementType.U8 : type, shape);
        var bytes = NpyFormat.Write(tensor);
        Assert.Equal(0, (bytes.Length - (int)tensor.Type.ByteSize) % 64);
        var diagnostics = new DiagnosticBag();
        Assert.Equal(tensor, NpyFormat.Read(bytes, "t.npy", diagnostics));
        Assert.Empty(diagnostics.Items);
    }

    [Fact]
    public void ReadsTheHeaderNumPyWrites()
    {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        var bytes = Build(header, BitConverter.GetBytes(1.5f).Concat(BitConverter.GetBytes(-2f)).ToArray());
        var tensor = NpyFormat.Read(bytes, "x.npy", new DiagnosticBag());
        Assert.Equal([1.5f, -2f], tensor!.ToSingles());
    }

    [Theory]
    [InlineData("not numpy at all", "magic")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", "dtype '>f4'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", "dtype '<f8'")]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", "Fortran order")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", "needs 12")]
    [InlineData("{'descr': '<f4', 'shape': (1,), }", "must all be present")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }", "malformed header")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }", "more elements")]
    [InlineData("{'descr' '<f4'}", "malformed header")]
    public void MalformedFilesAreDiagnosedNotThrown(string header, string expected)
    {
        var bytes = header.StartsWith('{') ? Build(header, new byte[4]) : Encoding.ASCII.GetBytes(header);
        var diagnostics = new DiagnosticBag();
        Assert.Null(NpyFormat.Read(bytes, "bad.npy", diagnostics));
        var diagnostic = Assert.Single(diagnostics.Items);
        Assert.Contains(expected, diagnostic.Message);
        Assert.Contains("'bad.npy'", diagnostic.Message);
    }

    [Fact]
    public void TruncatedHeadersAreDiagnosed()
    {
        var bytes = NpyFormat.Write(Sample(ElementType.F32, 2))[..20];
        var diagnostics = new DiagnosticBag();
        Assert.Null(NpyFormat.Read(bytes, "t.npy", diagnostics));
        Assert.Equal(InterpreterDiagnosticIds.MalformedFile, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void NpzRoundTripsAndIsDeterministic()
    {
        var tensors = new Dictionary<string, TensorData> { ["b"] = Sample(ElementType.I8, 3), ["a"] = Sample(ElementType.F32, 2, 2) };
        using var first = new MemoryStream();
        NpzArchive.Write(first, tensors);
        using var second = new MemoryStream();
        NpzArchive.Write(second, tensors);
        Assert.Equal(first.ToArray(), second.ToArray());
        first.Position = 0;
        var read = NpzArchive.Read(first, "x.npz", new DiagnosticBag())!;
        Assert.Equal(["a", "b"], read.Keys.Order());
        Assert.Equal(tensors["a"], read["a"]);
        Assert.Equal(tensors["b"], read["b"]);
    }

    [Fact]
    public void NpzAcceptsDeflatedEntries()
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("x.npy", CompressionLevel.Optimal).Open();
            entry.Write(NpyFormat.Write(Sample(ElementType.I32, 4)));
        }

        stream.Position = 0;
        Assert.Equal(Sample(ElementType.I32, 4), NpzArchive.Read(stream, "d.npz", new DiagnosticBag())!["x"]);
    }

    [Fact]
    public void AGarbageNpzIsDiagnosed()
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(NpzArchive.Read(new MemoryStream([1, 2, 3, 4]), "g.npz", diagnostics));
        Assert.Equal(InterpreterDiagnosticIds.MalformedFile, Assert.Single(diagnostics.Items).Id);
    }

    [Fact]
    public void BindingChecksNamesDtypesAndShapesAndAcceptsASingleNpy()
    {
        var graph = new Graph("main", [new Value("x", new TensorType(ElementType.F32, [2]))], [], ["x"]);
        var diagnostics = new DiagnosticBag();
        Assert.NotNull(TensorFiles.Bind(graph, NpyFormat.Write(Sample(ElementType.F32, 2)), "in.npy", diagnostics));
        Assert.Empty(diagnostics.Items);

        using var stream = new MemoryStream();
        NpzArchive.Write(stream, new Dictionary<string, TensorData> { ["x"] = Sample(ElementType.I8, 2), ["y"] = Sample(ElementType.F32, 1) });
        Assert.Null(TensorFiles.Bind(graph, stream.ToArray(), "in.npz", diagnostics));
        Assert.Equal([InterpreterDiagnosticIds.InputElementType, InterpreterDiagnosticIds.UnexpectedInput], diagnostics.Items.Select(d => d.Id));
        Assert.Contains("input 'x' has element type i8, expected f32", diagnostics.Items[0].Message);

        var missing = new DiagnosticBag();
        Assert.Null(TensorFiles.LoadInputs(graph, "/nonexistent/in.npz", missing));
        Assert.Equal(InterpreterDiagnosticIds.UnreadableFile, Assert.Single(missing.Items).Id);
    }

    private static byte[] Build(string header, byte[] data)
    {
        var padded = header.PadRight(((header.Length + 11 + 63) / 64 * 64) - 11) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, .. BitConverter.GetBytes((ushort)padded.Length), .. Encoding.ASCII.GetBytes(padded), .. data];
    }
}
