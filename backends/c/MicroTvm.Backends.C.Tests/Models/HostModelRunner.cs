using System.Text;
using MicroTvm.IR.Testing;
using MicroTvm.IR.Executor;

namespace MicroTvm.Backends.C.Tests.Models;

/// <summary>
/// Builds one host program from several generated models, the C runtime's sources and a
/// harness that drives each model through its typed API exactly as firmware would (pools from
/// the size macros, mtvm_set_workspaces, mtvm_&lt;model&gt;_run, every status checked, the last
/// error printed on failure), with gcc's strict flags, optionally under ASan and UBSan; then runs
/// it on the inputs and returns each model's output bytes.
/// </summary>
internal static class HostModelRunner
{
    public const string SanitizerFlags = "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer";

    /// <summary>Per model (in order), its outputs' bytes in interface order.</summary>
    public static List<List<byte[]>> Run(IReadOnlyList<(CModelFiles Code, ModelInterface Interface, IReadOnlyList<byte[]> Inputs)> models, bool sanitize)
    {
        using var scratch = new ScratchDirectory();
        var sources = new List<string>();
        foreach (var (code, _, _) in models)
        {
            File.WriteAllText(scratch.File(code.HeaderName), code.Header);
            File.WriteAllText(scratch.File(code.SourceName), code.Source);
            sources.Add(scratch.File(code.SourceName));
        }

        File.WriteAllText(scratch.File("harness.c"), Harness(models.Select(m => (m.Code, m.Interface)).ToList()));
        var runtimeSources = Directory.GetFiles(Path.Combine(TestEnvironment.RepoRoot, "runtime", "crt", "src"), "*.c").Order(StringComparer.Ordinal);
        var flags = $"{CCompiler.StrictFlags} -O1 -I{scratch.Path}" + (sanitize ? " " + SanitizerFlags : string.Empty);
        CCompiler.Compile("gcc", string.Join(' ', [scratch.File("harness.c"), .. sources, .. runtimeSources]), scratch.File("models"), flags, "-lm");

        using (var blob = File.Create(scratch.File("inputs.bin")))
        {
            foreach (var input in models.SelectMany(m => m.Inputs))
            {
                blob.Write(input);
            }
        }

        var (exitCode, stdout, stderr) = CCompiler.Run(scratch.File("models"), $"{scratch.File("inputs.bin")} {scratch.File("outputs.bin")}");
        Assert.True(exitCode == 0, $"the model program failed ({exitCode}):\n{stdout}{stderr}");
        var outputs = File.ReadAllBytes(scratch.File("outputs.bin"));
        var position = 0;
        var result = new List<List<byte[]>>();
        foreach (var (_, model, _) in models)
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

    private static string Harness(IReadOnlyList<(CModelFiles Code, ModelInterface Interface)> models)
    {
        var text = new StringBuilder("#include <stdio.h>\n#include <stdlib.h>\n\n#include \"mtvm/runtime.h\"\n#include \"mtvm/status.h\"\n");
        foreach (var (code, _) in models)
        {
            text.Append($"#include \"{code.HeaderName}\"\n");
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
            Model(text, m, models[m].Code, new CModelInterface(models[m].Interface));
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

    private static void Model(StringBuilder text, int m, CModelFiles code, CModelInterface c)
    {
        var model = c.Model;
        for (var i = 0; i < model.Inputs.Length; i++)
        {
            text.Append($"static {CTypes.Name(model.Inputs[i].Type.ElementType)} m{m}_in{i}[{c.InputMacro(i, "SIZE")} / sizeof({CTypes.Name(model.Inputs[i].Type.ElementType)})] __attribute__((aligned({c.InputMacro(i, "ALIGNMENT")})));\n");
        }

        for (var i = 0; i < model.Outputs.Length; i++)
        {
            text.Append($"static {CTypes.Name(model.Outputs[i].Type.ElementType)} m{m}_out{i}[{c.OutputMacro(i, "SIZE")} / sizeof({CTypes.Name(model.Outputs[i].Type.ElementType)})] __attribute__((aligned({c.OutputMacro(i, "ALIGNMENT")})));\n");
        }

        for (var i = 0; i < model.Pools.Length; i++)
        {
            text.Append($"static uint8_t m{m}_pool{i}[{c.PoolMacro(i, "SIZE")}] __attribute__((aligned({c.PoolMacro(i, "ALIGNMENT")})));\n");
        }

        text.Append($"\nstatic void run_model_{m}(FILE* in, FILE* out)\n{{\n    mtvm_context_t context;\n");
        text.Append(model.Inputs.Length > 0
            ? $"    struct {c.Prefix}_inputs inputs = {{ {string.Join(", ", model.Inputs.Select((_, i) => $"m{m}_in{i}"))} }};\n"
            : $"    struct {c.Prefix}_inputs inputs = {{ 0 }};\n");
        text.Append($"    struct {c.Prefix}_outputs outputs = {{ {string.Join(", ", model.Outputs.Select((_, i) => $"m{m}_out{i}"))} }};\n");
        if (model.Pools.Length > 0)
        {
            text.Append($"    mtvm_workspace_t pools[{c.MacroPrefix}_NUM_POOLS] = {{\n");
            for (var i = 0; i < model.Pools.Length; i++)
            {
                text.Append($"        {{ {c.PoolMacro(i, "NAME")}, m{m}_pool{i}, sizeof m{m}_pool{i} }},\n");
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
            text.Append($"    check(mtvm_set_workspaces(&context, pools, {c.MacroPrefix}_NUM_POOLS), \"mtvm_set_workspaces\");\n");
        }

        text.Append($"    check({c.Prefix}_run(&inputs, &outputs, &context), \"{c.Prefix}_run\");\n");
        for (var i = 0; i < model.Outputs.Length; i++)
        {
            text.Append($"    transfer(m{m}_out{i}, sizeof m{m}_out{i}, out, 0);\n");
        }

        text.Append("}\n");
    }
}
