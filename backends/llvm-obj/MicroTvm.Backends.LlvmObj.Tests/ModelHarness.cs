using System.Globalization;
using System.Text;
using MicroTvm.Backends.C;
using MicroTvm.IR.Executor;
using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>
/// Builds one host program from several models' LLVM objects, the C backend's headers for them,
/// the C runtime's sources and a harness that drives each model through its typed API as
/// firmware does (buffers aligned as the interface says, pools named as the model names them,
/// mtvm_set_workspaces, <c>mtvmgen_&lt;model&gt;_run</c>, every status checked, the last error
/// printed on failure); runs it and returns each model's output bytes in interface order.
/// </summary>
internal static class ModelHarness
{
    public sealed record Case(string Name, Module Compiled, IReadOnlyList<byte[]> Inputs);

    public static List<List<byte[]>> Run(IReadOnlyList<Case> models, LlvmTarget host)
    {
        using var scratch = new ScratchDirectory();
        var objects = new List<string>();
        var interfaces = new List<ModelInterface>();
        foreach (var model in models)
        {
            var code = CModelEmitter.Emit(model.Compiled, model.Name, "llvm-obj tests");
            File.WriteAllText(scratch.File(code.HeaderName), code.Header);
            var (objectName, bytes) = LlvmModelEmitter.EmitObject(model.Compiled, model.Name, host);
            File.WriteAllBytes(scratch.File(objectName), bytes);
            objects.Add(scratch.File(objectName));
            interfaces.Add(ModelInterface.Of(model.Compiled, model.Name));
        }

        File.WriteAllText(scratch.File("harness.c"), Harness(interfaces));
        var runtime = Path.Combine(TestEnvironment.RepoRoot, "runtime", "crt");
        var runtimeSources = Directory.GetFiles(Path.Combine(runtime, "src"), "*.c").Order(StringComparer.Ordinal);
        Programs.Check("gcc", ["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", $"-I{scratch.Path}", $"-I{Path.Combine(runtime, "include")}",
            scratch.File("harness.c"), .. objects, .. runtimeSources, "-o", scratch.File("models"), "-lm"]);
        using (var blob = File.Create(scratch.File("inputs.bin")))
        {
            foreach (var input in models.SelectMany(m => m.Inputs))
            {
                blob.Write(input);
            }
        }

        Programs.Check(scratch.File("models"), scratch.File("inputs.bin"), scratch.File("outputs.bin"));
        var outputs = File.ReadAllBytes(scratch.File("outputs.bin"));
        var position = 0;
        var result = new List<List<byte[]>>();
        foreach (var model in interfaces)
        {
            var own = new List<byte[]>();
            foreach (var output in model.Outputs)
            {
                own.Add(outputs[position..(position + (int)output.Bytes)]);
                position += (int)output.Bytes;
            }

            result.Add(own);
        }

        Assert.Equal(outputs.Length, position);
        return result;
    }

    private static string Harness(List<ModelInterface> models)
    {
        var text = new StringBuilder("#include <stdio.h>\n#include <stdlib.h>\n\n#include \"mtvm/runtime.h\"\n#include \"mtvm/status.h\"\n");
        foreach (var model in models)
        {
            text.Append($"#include \"mtvmgen_{CModelNames.Of(model.Name)}.h\"\n");
        }

        text.Append("""

            static void transfer(void* buffer, size_t size, FILE* file, int reading)
            {
                size_t done = reading ? fread(buffer, 1, size, file) : fwrite(buffer, 1, size, file);
                if (done != size) {
                    fprintf(stderr, "short %s\n", reading ? "read" : "write");
                    exit(3);
                }
            }

            static void check(mtvm_status_t status, const char* what)
            {
                if (status != MTVM_OK) {
                    fprintf(stderr, "%s: %s: %s\n", what, mtvm_status_name(status), mtvm_last_error());
                    exit(2);
                }
            }

            """);
        for (var m = 0; m < models.Count; m++)
        {
            Model(text, m, models[m]);
        }

        text.Append("\nint main(int argc, char** argv)\n{\n    FILE* in;\n    FILE* out;\n")
            .Append("    if (argc != 3) {\n        return 4;\n    }\n")
            .Append("    in = fopen(argv[1], \"rb\");\n    out = fopen(argv[2], \"wb\");\n")
            .Append("    if (in == NULL || out == NULL) {\n        return 5;\n    }\n");
        for (var m = 0; m < models.Count; m++)
        {
            text.Append($"    run_model_{m}(in, out);\n");
        }

        return text.Append("    fclose(in);\n    return fclose(out) == 0 ? 0 : 6;\n}\n").ToString();
    }

    private static void Model(StringBuilder text, int m, ModelInterface model)
    {
        var prefix = $"mtvmgen_{CModelNames.Of(model.Name)}";
        var n = CultureInfo.InvariantCulture;
        for (var i = 0; i < model.Inputs.Length; i++)
        {
            text.Append(n, $"static uint8_t m{m}_in{i}[{model.Inputs[i].Bytes}] __attribute__((aligned({Math.Max(8, model.Inputs[i].Alignment)})));\n");
        }

        for (var i = 0; i < model.Outputs.Length; i++)
        {
            text.Append(n, $"static uint8_t m{m}_out{i}[{model.Outputs[i].Bytes}] __attribute__((aligned({Math.Max(8, model.Outputs[i].Alignment)})));\n");
        }

        for (var i = 0; i < model.Pools.Length; i++)
        {
            text.Append(n, $"static uint8_t m{m}_pool{i}[{model.Pools[i].Bytes}] __attribute__((aligned({Math.Max(8, model.Pools[i].Alignment)})));\n");
        }

        text.Append($"\nstatic void run_model_{m}(FILE* in, FILE* out)\n{{\n    mtvm_context_t context;\n");
        text.Append(model.Inputs.Length > 0
            ? $"    struct {prefix}_inputs inputs = {{ {string.Join(", ", model.Inputs.Select((_, i) => $"(void*)m{m}_in{i}"))} }};\n"
            : $"    struct {prefix}_inputs inputs = {{ 0 }};\n");
        text.Append($"    struct {prefix}_outputs outputs = {{ {string.Join(", ", model.Outputs.Select((_, i) => $"(void*)m{m}_out{i}"))} }};\n");
        if (model.Pools.Length > 0)
        {
            text.Append($"    mtvm_workspace_t pools[{model.Pools.Length}] = {{\n");
            for (var i = 0; i < model.Pools.Length; i++)
            {
                text.Append($"        {{ \"{model.Pools[i].Name}\", m{m}_pool{i}, sizeof m{m}_pool{i} }},\n");
            }

            text.Append("    };\n");
        }

        for (var i = 0; i < model.Inputs.Length; i++)
        {
            text.Append($"    transfer(m{m}_in{i}, sizeof m{m}_in{i}, in, 1);\n");
        }

        text.Append("    check(mtvm_context_init(&context), \"mtvm_context_init\");\n");
        if (model.Pools.Length > 0)
        {
            text.Append($"    check(mtvm_set_workspaces(&context, pools, {model.Pools.Length}), \"mtvm_set_workspaces\");\n");
        }

        text.Append($"    check({prefix}_run(&inputs, &outputs, &context), \"{prefix}_run\");\n");
        for (var i = 0; i < model.Outputs.Length; i++)
        {
            text.Append($"    transfer(m{m}_out{i}, sizeof m{m}_out{i}, out, 0);\n");
        }

        text.Append("}\n");
    }
}
