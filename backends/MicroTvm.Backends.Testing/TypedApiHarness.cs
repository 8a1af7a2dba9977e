using System.Text;
using MicroTvm.Backends.C;
using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.Testing;

/// <summary>
/// Builds one host program from several generated models, the C runtime's sources and a harness
/// that drives each model through its typed API exactly as firmware would (buffers and pools
/// from the header's size and alignment macros, or inside the pools when the plan holds the
/// model's I/O, pools named by its name macros, mtvm_set_workspaces, mtvm_&lt;model&gt;_run, every status checked, the last error printed on
/// failure), with gcc's strict flags plus <c>extraFlags</c>; runs it on the inputs and returns
/// each model's output bytes in interface order.
/// </summary>
public static class TypedApiHarness
{
    public static ImmutableArray<string> SanitizerFlags { get; } = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"];

    public static List<List<byte[]>> Run(IReadOnlyList<HarnessModel> models, IReadOnlyList<string> extraFlags)
    {
        using var scratch = new ScratchDirectory();
        var code = new List<string>();
        foreach (var model in models)
        {
            File.WriteAllText(scratch.File(model.Code.HeaderName), model.Code.Header);
            if (model.Object is { } bytes)
            {
                var name = Path.ChangeExtension(model.Code.SourceName, ".o");
                File.WriteAllBytes(scratch.File(name), bytes);
                code.Add(scratch.File(name));
            }
            else
            {
                File.WriteAllText(scratch.File(model.Code.SourceName), model.Code.Source);
                code.Add(scratch.File(model.Code.SourceName));
            }
        }

        File.WriteAllText(scratch.File("harness.c"), Source(models));
        var runtime = Path.Combine(TestEnvironment.RepoRoot, "runtime", "crt");
        var runtimeSources = Directory.GetFiles(Path.Combine(runtime, "src"), "*.c").Order(StringComparer.Ordinal);
        ExternalProgram.Check("gcc", [
            "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1", $"-I{scratch.Path}", $"-I{Path.Combine(runtime, "include")}",
            .. extraFlags, scratch.File("harness.c"), .. code, .. runtimeSources, "-o", scratch.File("models"), "-lm"]);

        using (var blob = File.Create(scratch.File("inputs.bin")))
        {
            foreach (var input in models.SelectMany(m => m.Inputs))
            {
                blob.Write(input);
            }
        }

        ExternalProgram.Check(scratch.File("models"), scratch.File("inputs.bin"), scratch.File("outputs.bin"));
        var outputs = File.ReadAllBytes(scratch.File("outputs.bin"));
        var position = 0;
        var result = new List<List<byte[]>>();
        foreach (var model in models)
        {
            var own = new List<byte[]>();
            foreach (var output in model.Interface.Outputs)
            {
                own.Add(outputs[position..(position + (int)output.Bytes)]);
                position += (int)output.Bytes;
            }

            result.Add(own);
        }

        return position == outputs.Length
            ? result
            : throw new InvalidOperationException($"the program wrote {outputs.Length} output bytes; the models have {position}");
    }

    private static string Source(IReadOnlyList<HarnessModel> models)
    {
        var text = new StringBuilder("#include <stdio.h>\n#include <stdlib.h>\n\n#include \"mtvm/runtime.h\"\n#include \"mtvm/status.h\"\n");
        foreach (var model in models)
        {
            text.Append($"#include \"{model.Code.HeaderName}\"\n");
        }

        text.Append("""

            static void transfer(void* buffer, size_t size, FILE* file, int reading)
            {
                size_t done = reading ? fread(buffer, 1, size, file) : fwrite(buffer, 1, size, file);
                if (done != size) {
                    fprintf(stderr, "short %s: %lu of %lu bytes\n", reading ? "read" : "write", (unsigned long)done, (unsigned long)size);
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
            Model(text, m, new CModelInterface(models[m].Interface));
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

    private static void Model(StringBuilder text, int m, CModelInterface c)
    {
        var model = c.Model;
        for (var i = 0; i < model.Inputs.Length; i++)
        {
            text.Append($"static uint8_t m{m}_in{i}[{c.InputMacro(i, "SIZE")}] __attribute__((aligned({c.InputMacro(i, "ALIGNMENT")})));\n");
        }

        for (var i = 0; i < model.Outputs.Length; i++)
        {
            text.Append($"static uint8_t m{m}_out{i}[{c.OutputMacro(i, "SIZE")}] __attribute__((aligned({c.OutputMacro(i, "ALIGNMENT")})));\n");
        }

        for (var i = 0; i < model.Pools.Length; i++)
        {
            text.Append($"static uint8_t m{m}_pool{i}[{c.PoolMacro(i, "SIZE")}] __attribute__((aligned({c.PoolMacro(i, "ALIGNMENT")})));\n");
        }

        text.Append($"\nstatic void run_model_{m}(FILE* in, FILE* out)\n{{\n    mtvm_context_t context;\n");
        text.Append(model.Inputs.Length > 0
            ? $"    struct {c.Prefix}_inputs inputs = {{ {string.Join(", ", model.Inputs.Select((_, i) => $"(void*)m{m}_in{i}"))} }};\n"
            : $"    struct {c.Prefix}_inputs inputs = {{ 0 }};\n");
        text.Append($"    struct {c.Prefix}_outputs outputs = {{ {string.Join(", ", model.Outputs.Select((_, i) => $"(void*)m{m}_out{i}"))} }};\n");
        if (model.Pools.Length > 0)
        {
            text.Append($"    mtvm_workspace_t pools[{c.MacroPrefix}_NUM_POOLS] = {{\n");
            for (var i = 0; i < model.Pools.Length; i++)
            {
                text.Append($"        {{ {c.PoolMacro(i, "NAME")}, m{m}_pool{i}, sizeof m{m}_pool{i} }},\n");
            }

            text.Append("    };\n");
        }

        if (model.Inputs.Concat(model.Outputs).Any(t => t.Placement is not null))
        {
            text.Append($"    const struct {c.Prefix}_workspaces workspaces = {{ {string.Join(", ", model.Pools.Select((_, i) => $"m{m}_pool{i}"))} }};\n")
                .Append($"    {c.Prefix}_io_in_pools(&inputs, &outputs, &workspaces);\n");
        }

        for (var i = 0; i < model.Inputs.Length; i++)
        {
            text.Append($"    transfer(inputs.{c.Inputs[i]}, {c.InputMacro(i, "SIZE")}, in, 1);\n");
        }

        text.Append("    check(mtvm_context_init(&context), \"mtvm_context_init\");\n");
        if (model.Pools.Length > 0)
        {
            text.Append($"    check(mtvm_set_workspaces(&context, pools, {c.MacroPrefix}_NUM_POOLS), \"mtvm_set_workspaces\");\n");
        }

        text.Append($"    check({c.Prefix}_run(&inputs, &outputs, &context), \"{c.Prefix}_run\");\n");
        for (var i = 0; i < model.Outputs.Length; i++)
        {
            text.Append($"    transfer(outputs.{c.Outputs[i]}, {c.OutputMacro(i, "SIZE")}, out, 0);\n");
        }

        text.Append("}\n");
    }
}
