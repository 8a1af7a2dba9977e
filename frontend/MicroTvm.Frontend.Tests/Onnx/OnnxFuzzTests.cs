using System.Diagnostics;
using MicroTvm.Frontend.Onnx;
using Xunit.Abstractions;
using static MicroTvm.Frontend.Tests.Onnx.OnnxModelBuilder;
using DataType = MicroTvm.Frontend.Onnx.Proto.TensorProto.Types.DataType;

namespace MicroTvm.Frontend.Tests.Onnx;

/// <summary>
/// Seeded byte mutations of real models (corpus ones when present, plus builder models): the
/// importer must answer every one with a module or diagnostics — no exception, no hang, no
/// internal error.
/// </summary>
public sealed class OnnxFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20240611;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    [Fact]
    public void Mutated_models_produce_only_diagnostics()
    {
        var models = SeedModels();
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var refused = 0;
        while (clock.Elapsed < Budget || cases < 2000)
        {
            var (name, original) = models[random.Next(models.Count)];
            var mutated = Mutate(original, random);
            MicroTvm.IR.ImportResult result;
            try
            {
                result = OnnxImporter.Import(mutated, name);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {cases} (seed {Seed}, model {name}): the importer threw {e}");
                return;
            }

            Assert.True(result.Module is not null || result.Diagnostics.Any(d => d.IsError), $"case {cases} (seed {Seed}, {name}): no module and no error");
            var internalError = result.Diagnostics.FirstOrDefault(d => d.Id == OnnxDiagnosticIds.InternalError);
            Assert.True(internalError is null, $"case {cases} (seed {Seed}, {name}): {internalError}");
            refused += result.Module is null ? 1 : 0;
            cases++;
        }

        output.WriteLine($"{cases} mutated models from {models.Count} seeds, {refused} refused, in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = 1 + random.Next(4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    bytes.RemoveAt(at);
                    break;
                default:
                    // A large varint where a length or a dimension may be.
                    bytes.InsertRange(at, [0xff, 0xff, 0xff, 0xff, 0x0f]);
                    break;
            }
        }

        return [.. bytes];
    }

    private static List<(string Name, byte[] Bytes)> SeedModels()
    {
        var models = new List<(string, byte[])>
        {
            ("conv.onnx", new OnnxModelBuilder().Input("x", DataType.Float, 1, 2, 4, 4).Floats("w", [.. Enumerable.Range(0, 36).Select(i => (float)i)], 2, 2, 3, 3)
                .Node("Conv", ["x", "w"], ["c"], Attr("pads", 1, 1, 1, 1)).Node("Relu", ["c"], ["r"]).Int64s("shape", [1, -1], 2)
                .Node("Reshape", ["r", "shape"], ["y"]).Output("y", DataType.Float, 1, 32).ToBytes()),
            ("pool.onnx", new OnnxModelBuilder(11).Input("x", DataType.Float, 1, 3, 8, 8).Node("MaxPool", ["x"], ["p"], Attr("kernel_shape", 2, 2), Attr("strides", 2, 2))
                .Node("GlobalAveragePool", ["p"], ["g"]).Node("Flatten", ["g"], ["f"]).Node("Softmax", ["f"], ["y"]).Output("y").ToBytes()),
        };
        foreach (var directory in new[] { "onnx-models", "onnx-simple", "onnx-light" })
        {
            if (OnnxCorpus.Path(directory) is { } path && Directory.Exists(path))
            {
                models.AddRange(Directory.EnumerateFiles(path, "*.onnx", SearchOption.AllDirectories)
                    .Where(f => new FileInfo(f).Length < 200_000).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
            }
        }

        models.AddRange(OnnxNodeIndex.Cases("core").Where((_, i) => i % 10 == 0)
            .Select(c => (c.Name, File.ReadAllBytes(OnnxCorpus.Path("onnx-node", c.Name, "model.onnx")!))));
        return models;
    }
}
