using System.Globalization;
using System.Text;

namespace MicroTvm.Driver.Output;

/// <summary>Writes a compiled model in the requested form and prints the summary: ops in, kernels out, memory, constants, where it went.</summary>
internal static class OutputWriter
{
    public static void Write(CompiledModel model, OutputFormat format, string path, string toolName, string version, TextWriter log)
    {
        switch (format)
        {
            case OutputFormat.Mlf:
                using (var stream = File.Create(path))
                {
                    ModelLibraryFormat.Write(stream, model, toolName, version);
                }

                break;
            case OutputFormat.C:
                var include = Path.Combine(path, "include");
                var src = Path.Combine(path, "src");
                Directory.CreateDirectory(include);
                Directory.CreateDirectory(src);
                File.WriteAllText(Path.Combine(include, model.Code.HeaderName), model.Code.Header, Encoding.UTF8);
                File.WriteAllText(Path.Combine(src, model.Code.SourceName), model.Code.Source, Encoding.UTF8);
                break;
            case OutputFormat.Object:
                File.WriteAllBytes(path, model.Objects.Single().Bytes);
                break;
            case OutputFormat.StaticLib:
                File.WriteAllBytes(path, ObjectBuilder.Archive(model.Objects.Single(), model.Target, log));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a code format");
        }
    }

    public static string Summary(CompiledModel model, OutputFormat format, string path)
    {
        var text = new StringBuilder();
        var n = CultureInfo.InvariantCulture;
        text.Append(n, $"{model.Interface.Name}: {model.OpsIn} ops in, {model.Module.Kernels.Length} kernels out ({model.KernelCalls} calls, {model.Macs:N0} MACs)\n");
        foreach (var pool in model.Interface.Pools)
        {
            text.Append(n, $"  pool '{pool.Name}': {pool.Bytes:N0} bytes, aligned to {pool.Alignment}");
            if (model.Module.MemoryPlan!.Attributes.GetValueOrDefault("lower_bound_bytes") is IntAttribute { Value: var bound })
            {
                text.Append(n, $" (lower bound {bound:N0})");
            }

            text.Append('\n');
        }

        if (model.Interface.Pools.IsEmpty)
        {
            text.Append("  no workspace pool needed\n");
        }

        text.Append(n, $"  constants: {model.ConstantBytes:N0} bytes\n");
        text.Append(n, $"  inputs: {string.Join(", ", model.Interface.Inputs.Select(t => $"{t.Name} {t.Dtype}[{string.Join('x', t.Type.Shape)}]"))}\n");
        text.Append(n, $"  outputs: {string.Join(", ", model.Interface.Outputs.Select(t => $"{t.Name} {t.Dtype}[{string.Join('x', t.Type.Shape)}]"))}\n");
        var what = format switch
        {
            OutputFormat.Mlf => "Model Library Format archive",
            OutputFormat.C => "C sources",
            OutputFormat.Object => $"object for {model.Target.Cpu}",
            _ => $"static library for {model.Target.Cpu}",
        };
        text.Append(n, $"  wrote {what}: {path}\n");
        return text.ToString();
    }
}
