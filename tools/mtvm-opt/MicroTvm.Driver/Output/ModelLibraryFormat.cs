using System.Text;
using MicroTvm.IR.IO;
using MicroTvm.IR.Text;

namespace MicroTvm.Driver.Output;

/// <summary>
/// The Model Library Format archive of a compiled model:
/// <code>
/// metadata.json
/// codegen/host/include/mtvmgen_&lt;model&gt;.h   codegen/host/src/mtvmgen_&lt;model&gt;.c
/// codegen/host/lib/mtvmgen_&lt;model&gt;.o       (when objects were asked for)
/// parameters/&lt;model&gt;.params.npz           every constant of the executor, by value name
/// src/&lt;model&gt;.mir                          the final IR as text
/// runtime/include/…, runtime/src/…        the C runtime's sources (never inside the objects)
/// templates/…                             the firmware project templates
/// </code>
/// Written by <see cref="ReproducibleTar"/>: the same model gives the same bytes.
/// </summary>
internal static class ModelLibraryFormat
{
    public static Dictionary<string, byte[]> Files(CompiledModel model, string compilerName, string compilerVersion)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["metadata.json"] = MetadataJson.Write(model, compilerName, compilerVersion),
            [$"codegen/host/include/{model.Code.HeaderName}"] = Encoding.UTF8.GetBytes(model.Code.Header),
            [$"codegen/host/src/{model.Code.SourceName}"] = Encoding.UTF8.GetBytes(model.Code.Source),
            [$"parameters/{model.Code.CName}.params.npz"] = Parameters(model.Module),
            [$"src/{model.Code.CName}.mir"] = Encoding.UTF8.GetBytes(ModulePrinter.Print(model.Module)),
        };
        foreach (var (name, bytes) in model.Objects)
        {
            files[$"codegen/host/lib/{name}"] = bytes;
        }

        foreach (var folder in new[] { "runtime/", "templates/" })
        {
            foreach (var (path, bytes) in EmbeddedFiles.Under(folder))
            {
                files[path] = bytes;
            }
        }

        return files;
    }

    public static void Write(Stream stream, CompiledModel model, string compilerName, string compilerVersion) =>
        ReproducibleTar.Write(stream, Files(model, compilerName, compilerVersion));

    private static byte[] Parameters(Module module)
    {
        var constants = module.Main.Nodes
            .Where(n => ReferenceEquals(n.Op, Ops.Constant))
            .ToDictionary(n => n.Results[0].Name, n => ((TensorAttribute)n.GetAttribute("value")!).Value, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        NpzArchive.Write(stream, constants);
        return stream.ToArray();
    }
}
