using System.Text.Json;
using MicroTvm.IR.Executor;
using MicroTvm.IR.Memory;

namespace MicroTvm.Driver.Output;

/// <summary>
/// metadata.json of the Model Library Format. The model's own keys (name, inputs, outputs, pools)
/// are at the top level, so docs/runtime.md's key → macro rule applies to them directly; every
/// <c>bytes</c> and <c>alignment</c> there is also a macro of the generated header. Keys are
/// written in a fixed order and numbers in invariant form, so the file is reproducible.
/// </summary>
internal static class MetadataJson
{
    public const int FormatVersion = 1;

    public static byte[] Write(CompiledModel model, string compilerName, string compilerVersion)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format_version", FormatVersion);
            json.WriteString("name", model.Interface.Name);
            json.WriteString("c_name", model.Code.CName);
            json.WriteStartObject("compiler");
            json.WriteString("name", compilerName);
            json.WriteString("version", compilerVersion);
            json.WriteEndObject();
            json.WriteStartObject("target");
            json.WriteString("backend", model.Target.Backend);
            json.WriteString("cpu", model.Target.Cpu);
            json.WriteEndObject();
            Tensors(json, "inputs", model.Interface.Inputs);
            Tensors(json, "outputs", model.Interface.Outputs);
            Pools(json, "pools", model.Interface.Pools);
            Memory(json, model);
            Kernels(json, model);
            json.WriteStartObject("totals");
            json.WriteNumber("ops_in", model.OpsIn);
            json.WriteNumber("kernels", model.Module.Kernels.Length);
            json.WriteNumber("kernel_calls", model.KernelCalls);
            json.WriteNumber("macs", model.Macs);
            json.WriteNumber("constant_bytes", model.ConstantBytes);
            json.WriteNumber("pool_bytes", model.PoolBytes);
            json.WriteEndObject();
            json.WriteStartObject("files");
            json.WriteString("header", $"codegen/host/include/{model.Code.HeaderName}");
            json.WriteString("source", $"codegen/host/src/{model.Code.SourceName}");
            json.WriteStartArray("objects");
            foreach (var (name, _) in model.Objects)
            {
                json.WriteStringValue($"codegen/host/lib/{name}");
            }

            json.WriteEndArray();
            json.WriteString("ir", $"src/{model.Code.CName}.mir");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void Tensors(Utf8JsonWriter json, string key, ImmutableArray<InterfaceTensor> tensors)
    {
        json.WriteStartArray(key);
        foreach (var tensor in tensors)
        {
            json.WriteStartObject();
            json.WriteString("name", tensor.Name);
            json.WriteString("dtype", tensor.Dtype);
            json.WriteStartArray("shape");
            foreach (var dimension in tensor.Type.Shape)
            {
                json.WriteNumberValue(dimension);
            }

            json.WriteEndArray();
            json.WriteNumber("bytes", tensor.Bytes);
            json.WriteNumber("alignment", tensor.Alignment);
            if (tensor.Placement is { } placement)
            {
                json.WriteString("pool", placement.Pool);
                json.WriteNumber("offset", placement.Offset);
            }

            if (tensor.Type.Quantization is { } quantization)
            {
                json.WriteStartObject("quantization");
                json.WriteStartArray("scales");
                foreach (var scale in quantization.Scales)
                {
                    json.WriteNumberValue(scale);
                }

                json.WriteEndArray();
                json.WriteStartArray("zero_points");
                foreach (var zeroPoint in quantization.ZeroPoints)
                {
                    json.WriteNumberValue(zeroPoint);
                }

                json.WriteEndArray();
                if (quantization.Axis is { } axis)
                {
                    json.WriteNumber("axis", axis);
                }
                else
                {
                    json.WriteNull("axis");
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("quantization");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Pools(Utf8JsonWriter json, string key, ImmutableArray<MemoryPool> pools)
    {
        json.WriteStartArray(key);
        foreach (var pool in pools)
        {
            json.WriteStartObject();
            json.WriteString("name", pool.Name);
            json.WriteNumber("bytes", pool.Bytes);
            json.WriteNumber("alignment", pool.Alignment);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Memory(Utf8JsonWriter json, CompiledModel model)
    {
        var plan = model.Module.MemoryPlan!;
        var buffers = PlannableBuffers.Of(model.Module);
        json.WriteStartObject("memory");
        json.WriteNumber("activation_bytes", model.PoolBytes);
        json.WriteNumber("lower_bound_bytes", PlannableBuffers.LowerBound(buffers).Bytes);
        json.WriteNumber("lower_bound_bytes_with_io", PlannableBuffers.LowerBoundWithIo(model.Module));
        json.WriteNumber("io_bytes", model.Interface.Inputs.Concat(model.Interface.Outputs).Sum(t => t.Bytes));
        json.WriteBoolean("io_in_pool", plan.HoldsIo);
        json.WriteString("algorithm", plan.Attributes.GetValueOrDefault("algorithm") is StringAttribute { Value: var algorithm } ? algorithm : "unknown");
        Pools(json, "pools", plan.Pools);
        json.WriteStartArray("buffers");
        foreach (var buffer in buffers)
        {
            var placement = plan.Find(buffer.Value, buffer.Workspace)!;
            json.WriteStartObject();
            json.WriteString("name", buffer.Workspace is null ? buffer.Value : $"{buffer.Value}#{buffer.Workspace}");
            json.WriteNumber("bytes", buffer.Bytes);
            json.WriteNumber("first_step", buffer.FirstStep);
            json.WriteNumber("last_step", buffer.LastStep);
            json.WriteString("pool", placement.Pool);
            json.WriteNumber("offset", placement.Offset);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Kernels(Utf8JsonWriter json, CompiledModel model)
    {
        var calls = model.Module.Main.Nodes.Where(n => ReferenceEquals(n.Op, Ops.KernelCall)).ToList();
        json.WriteStartArray("kernels");
        foreach (var kernel in model.Module.Kernels)
        {
            var own = calls.Where(c => c.GetAttribute("kernel") is StringAttribute { Value: var name } && name == kernel.Name).ToList();
            json.WriteStartObject();
            json.WriteString("name", kernel.Name);
            json.WriteNumber("calls", own.Count);
            json.WriteNumber("macs", own.Sum(c => c.GetAttribute("macs") is IntAttribute { Value: var macs } ? macs : 0));
            if (own.Select(c => c.GetAttribute("schedule")).OfType<StringAttribute>().FirstOrDefault() is { Value.Length: > 0 } schedule)
            {
                json.WriteString("schedule", schedule.Value);
            }

            json.WriteNumber("input_bytes", kernel.Parameters.Where(p => p.Role == IR.Kernels.BufferRole.Input).Sum(p => (long)p.ByteSize));
            json.WriteNumber("constant_bytes", kernel.Parameters.Where(p => p.Role == IR.Kernels.BufferRole.Constant).Sum(p => (long)p.ByteSize));
            json.WriteNumber("output_bytes", kernel.Parameters.Where(p => p.Role == IR.Kernels.BufferRole.Output).Sum(p => (long)p.ByteSize));
            json.WriteNumber("workspace_bytes", kernel.Parameters.Where(p => p.Role == IR.Kernels.BufferRole.Workspace).Sum(p => (long)p.ByteSize));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
