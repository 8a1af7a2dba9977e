// MicroTvm build script (Cake). Targets:
//   Demo (default)  build mtvm-opt and compile the project's sample model to a Model Library Format archive (out/tiny_cnn.tar)
//   Build           build the whole solution
//   Publish         mtvm-opt ahead-of-time compiled (ReadyToRun) for this machine, in out/mtvm-opt/: the fast way to run the compiler
//   Test            every test: .NET test projects and the C runtime's CTest suite; prints the totals last
//   Conformance     the QEMU conformance suite on every emulated board (nightly size; Test runs it on the CI three)
//   Bench           per-model figures (out/bench/models.md, .json) and BenchmarkDotNet benchmarks of the compiler (--bench=models|compiler)
//   Format          check formatting against .editorconfig

using System.Xml.Linq;

var target = Argument("target", "Demo");
var configuration = Argument("configuration", "Release");
var solution = File("./MicroTvm.sln");
var output = Directory("./out");
var testResults = output + Directory("test-results");
var mtvmOpt = "./tools/mtvm-opt/mtvm-opt/mtvm-opt.csproj";
var sampleModel = "./samples/tiny_cnn.tflite";
var sampleArchive = "./out/tiny_cnn.tar";
var publishedTool = output + Directory("mtvm-opt");

// Cake prints its task table when RunTarget returns, so the totals are printed after it.
TestTotals totals = null;
var failedProjects = new List<string>();

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

// ReadyToRun removes most of the JIT time that dominates a compile of a small model.
Task("Publish")
    .WithCriteria(() => !HasArgument("mtvm-opt"), "--mtvm-opt names the tool to use")
    .Does(() =>
{
    DotNetPublish(mtvmOpt, new DotNetPublishSettings
    {
        Configuration = "Release",
        Runtime = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
        SelfContained = false,
        OutputDirectory = publishedTool,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("PublishReadyToRun", "true"),
    });
});

Task("Demo")
    .Does(() =>
{
    EnsureDirectoryExists(output);
    DotNetRun(mtvmOpt, new ProcessArgumentBuilder()
        .Append("--pipeline").AppendQuoted("pipelines/aot.pass")
        .AppendQuoted(sampleModel)
        .Append("-o").AppendQuoted(sampleArchive),
        new DotNetRunSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(testResults);
    foreach (var project in GetFiles("./**/*.Tests.csproj").OrderBy(p => p.FullPath))
    {
        try
        {
            DotNetTest(project.FullPath, TestSettings(null));
        }
        catch (Exception)
        {
            failedProjects.Add(project.GetFilenameWithoutExtension().ToString());
        }
    }

    totals = RuntimeCTest() + TrxTotals(testResults);
});

Task("Conformance")
    .IsDependentOn("Build")
    .Does(() =>
{
    // Every case on every board, with a progress bar; tables in out/conformance/.
    DotNetRun("./conformance/MicroTvm.Conformance/MicroTvm.Conformance.csproj",
        new ProcessArgumentBuilder().Append("--boards").Append("all"),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true });
});

// --bench=all (default) | models | compiler. models: per corpus model and the sample, the whole
// mtvm-opt compile (wall clock and per pass), MACs, instructions per inference on the emulated
// M3/M4/M7 boards, MACs per instruction, flash and RAM of the linked firmware, written to
// out/bench/models.md and models.json. compiler: the BenchmarkDotNet benchmarks of the passes.
Task("Bench")
    .IsDependentOn("Publish")
    .Does(() =>
{
    var bench = output + Directory("bench");
    EnsureDirectoryExists(bench);
    var which = Argument("bench", "all");
    if (which is "all" or "compiler")
    {
        DotNetRun("./tools/MicroTvm.Benchmarks/MicroTvm.Benchmarks.csproj",
            new ProcessArgumentBuilder().Append("--filter").AppendQuoted("*").Append("--artifacts").AppendQuoted(MakeAbsolute(bench).FullPath),
            new DotNetRunSettings { Configuration = "Release" });
    }

    if (which is "all" or "models")
    {
        BenchModels(bench);
    }
});

Task("Format")
    .Does(() =>
{
    var exit = StartProcess("dotnet", new ProcessSettings { Arguments = "format whitespace MicroTvm.sln --verify-no-changes --verbosity minimal" });
    if (exit != 0)
    {
        throw new Exception("formatting differs from .editorconfig: run 'dotnet format whitespace MicroTvm.sln'");
    }
});

RunTarget(target);

if (totals is not null)
{
    if (failedProjects.Count > 0)
    {
        Console.WriteLine("Test projects with failures: " + string.Join(", ", failedProjects));
    }

    // The last line of a test run is the total, in the plain form CI reads.
    Console.WriteLine(totals.ToString());
    if (totals.Failed > 0 || failedProjects.Count > 0 || totals.Passed == 0)
    {
        Environment.Exit(1);
    }
}

DotNetTestSettings TestSettings(string filter) => new DotNetTestSettings
{
    Configuration = configuration,
    NoBuild = true,
    Filter = filter,
    ResultsDirectory = testResults,
    Loggers = new[] { "trx", "console;verbosity=minimal" },
};

// The C runtime's unit tests, when it has any: configure, build and run them with CTest.
TestTotals RuntimeCTest()
{
    var runtime = Directory("./runtime/crt");
    if (!FileExists(runtime + File("CMakeLists.txt")))
    {
        return new TestTotals(0, 0, 0);
    }

    var build = output + Directory("crt-build");
    EnsureDirectoryExists(build);
    Run("cmake", $"-S {MakeAbsolute(runtime)} -B {MakeAbsolute(build)} -DCMAKE_BUILD_TYPE=Debug");
    Run("cmake", $"--build {MakeAbsolute(build)} --parallel");
    var junit = MakeAbsolute(testResults + File("crt-ctest.xml"));
    StartProcess("ctest", new ProcessSettings
    {
        Arguments = $"--test-dir {MakeAbsolute(build)} --output-on-failure --output-junit {junit}",
    });
    if (!FileExists(junit))
    {
        return new TestTotals(0, 1, 0);
    }

    var suite = XDocument.Load(junit.FullPath).Root;
    int Count(string name) => int.Parse(suite.Attribute(name)?.Value ?? "0");
    var failed = Count("failures") + Count("errors");
    var skipped = Count("skipped") + Count("disabled");
    return new TestTotals(Count("tests") - failed - skipped, failed, skipped);
}

void Run(string tool, string arguments)
{
    var exit = StartProcess(tool, new ProcessSettings { Arguments = arguments });
    if (exit != 0)
    {
        throw new Exception($"{tool} {arguments} exited with {exit}");
    }
}

static TestTotals TrxTotals(ConvertableDirectoryPath directory)
{
    var totals = new TestTotals(0, 0, 0);
    foreach (var trx in System.IO.Directory.GetFiles(directory.Path.FullPath, "*.trx"))
    {
        var counters = XDocument.Load(trx).Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        totals += new TestTotals(Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"), Count("notExecuted"));
    }

    return totals;
}

record TestTotals(int Passed, int Failed, int Skipped)
{
    public static TestTotals operator +(TestTotals a, TestTotals b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    public override string ToString() =>
        Skipped > 0 ? $"{Passed} passed, {Failed} failed, {Skipped} skipped" : $"{Passed} passed, {Failed} failed";
}

// Bench --bench=models: see the Bench target.
void BenchModels(ConvertableDirectoryPath bench)
{
    // --mtvm-opt=PATH uses an already built tool (else the Publish target's); --models=a,b keeps only those models.
    var tool = Argument<string>("mtvm-opt", null);
    tool ??= MakeAbsolute(publishedTool + File("mtvm-opt")).FullPath;

    var corpus = EnvironmentVariable("MTVM_CORPUS") ?? MakeAbsolute(Directory("../shared/corpus")).FullPath;
    var models = System.IO.Directory.Exists(System.IO.Path.Combine(corpus, "tflite"))
        ? System.IO.Directory.GetFiles(System.IO.Path.Combine(corpus, "tflite"), "*.tflite").OrderBy(f => f, StringComparer.Ordinal).ToList()
        : new List<string>();
    models.Add(MakeAbsolute(File(sampleModel)).FullPath);
    var only = Argument("models", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
    if (only.Length > 0)
    {
        models = models.Where(m => only.Contains(System.IO.Path.GetFileNameWithoutExtension(m))).ToList();
    }
    var boards = new[] { "qemu-mps2-an385", "qemu-mps2-an386", "qemu-mps2-an500" };
    var results = new List<BenchResult>();
    foreach (var model in models)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(model);
        var archive = MakeAbsolute(bench + File(name + ".tar")).FullPath;
        // The fastest of three compiles: the issue's figure is for a warm disk cache.
        var clock = new System.Diagnostics.Stopwatch();
        var exit = 0;
        IEnumerable<string> compileOut = [], compileErr = [];
        var fastest = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3 && exit == 0; attempt++)
        {
            clock.Restart();
            exit = StartProcess(tool, new ProcessSettings
            {
                Arguments = new ProcessArgumentBuilder().AppendQuoted(model).Append("--pipeline").AppendQuoted(MakeAbsolute(File("pipelines/aot.pass")).FullPath)
                    .Append("-o").AppendQuoted(archive).Append("--timing --timing-format json"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }, out compileOut, out compileErr);
            clock.Stop();
            fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
        }

        var summary = string.Join("\n", compileOut);
        if (exit != 0)
        {
            var problems = compileErr.Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToList();
            results.Add(new BenchResult(name, 0, fastest.TotalSeconds, new(), new(),
                $"compile failed: {problems.FirstOrDefault()?.Trim() ?? $"exit code {exit}"}{(problems.Count > 1 ? $" (and {problems.Count - 1} more errors)" : string.Empty)}"));
            continue;
        }

        // The timing report is the JSON object on standard error; warnings may come before it.
        var passes = new List<(string Pass, double Ms)>();
        var errors = compileErr.ToList();
        var start = errors.FindIndex(l => l.StartsWith("{", StringComparison.Ordinal));
        if (start >= 0)
        {
            using var timing = System.Text.Json.JsonDocument.Parse(string.Join("\n", errors.Skip(start)));
            foreach (var run in timing.RootElement.GetProperty("passes").EnumerateArray())
            {
                passes.Add((run.GetProperty("pass").GetString(), run.GetProperty("ms").GetDouble()));
            }
        }

        var macsMatch = System.Text.RegularExpressions.Regex.Match(summary, @"([0-9,]+) MACs");
        var macs = macsMatch.Success ? long.Parse(macsMatch.Groups[1].Value.Replace(",", "")) : 0;
        var inputs = MakeAbsolute(bench + File(name + "-inputs.npz")).FullPath;
        WriteRandomInputs(summary, inputs);
        var runs = new Dictionary<string, BenchRun>();
        foreach (var board in boards)
        {
            var report = MakeAbsolute(bench + File($"{name}-{board}.json")).FullPath;
            var runExit = StartProcess(tool, new ProcessSettings
            {
                Arguments = new ProcessArgumentBuilder().Append("run").AppendQuoted(model).Append("--board").Append(board)
                    .Append("--inputs").AppendQuoted(inputs).Append("--repeat 1 --report").AppendQuoted(report),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }, out _, out var runErr);
            if (runExit != 0 || !FileExists(report))
            {
                runs[board] = new BenchRun(0, 0, 0, string.Join(" ", runErr).Trim());
                continue;
            }

            using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(report));
            var root = json.RootElement;
            runs[board] = new BenchRun(root.GetProperty("instructions_per_inference").GetInt64(), root.GetProperty("flash_bytes").GetInt64(), root.GetProperty("ram_bytes").GetInt64(), null)
            {
                Breakdown = SizeBreakdown(tool, archive, board, bench + Directory("size") + Directory($"{name}-{board}")),
            };
        }

        results.Add(new BenchResult(name, macs, fastest.TotalSeconds, passes, runs, null));
    }

    WriteBenchReports(bench, boards, results);
}

// Where the flash of the model's firmware goes (runtime/crt/tools/size-breakdown.sh): the board's
// project built from the archive at -Os with every kernel kept a function of its own (MODEL_CFLAGS),
// so that the run function, the descriptors and the runtime's objects — the glue — are told apart
// from the kernels, the weights, the libraries and the test harness. Null when it cannot be measured.
Dictionary<string, long> SizeBreakdown(string tool, string archive, string board, ConvertableDirectoryPath directory)
{
    var project = MakeAbsolute(directory).FullPath;
    if (System.IO.Directory.Exists(project))
    {
        System.IO.Directory.Delete(project, recursive: true);
    }

    var cross = board.StartsWith("qemu-riscv", StringComparison.Ordinal) ? "riscv64-unknown-elf-" : board == "host" ? string.Empty : "arm-none-eabi-";
    var build = System.IO.Path.Combine(project, "build-size");
    if (StartProcess(tool, new ProcessSettings
        {
            Arguments = new ProcessArgumentBuilder().Append("micro create-project --template").Append(board).Append("--mlf").AppendQuoted(archive).Append("-o").AppendQuoted(project),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) != 0
        || StartProcess("make", new ProcessSettings
        {
            Arguments = new ProcessArgumentBuilder().Append("-s -C").AppendQuoted(project).Append($"-j{Environment.ProcessorCount}")
                .Append("OPT=-Os").AppendQuoted("MODEL_CFLAGS=-fno-inline-functions-called-once -fno-inline-small-functions -fno-inline-functions")
                .AppendQuoted($"BUILD={build}").Append("all"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) != 0
        || StartProcess("sh", new ProcessSettings
        {
            Arguments = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(File("runtime/crt/tools/size-breakdown.sh")).FullPath).AppendQuoted(cross)
                .AppendQuoted(System.IO.Path.Combine(build, "firmware.elf")).AppendQuoted(System.IO.Path.Combine(build, "firmware.map")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }, out var lines) != 0)
    {
        return null;
    }

    var line = lines.FirstOrDefault(l => l.StartsWith("MTVM_SIZE_BREAKDOWN ", StringComparison.Ordinal));
    return line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => f.Split('=', 2))
        .ToDictionary(f => f[0], f => long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
}

// Random inputs for the inputs the compile summary lists ("inputs: name int8[1x96x96x1], ..."), as an .npz.
void WriteRandomInputs(string summary, string path)
{
    var line = summary.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("inputs:", StringComparison.Ordinal)) ?? string.Empty;
    var random = new Random(1);
    using var file = System.IO.File.Create(path);
    using var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Create);
    foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(line, @"(\S+) (int8|uint8|int16|int32|float32|bool)\[([0-9x]*)\]"))
    {
        var shape = input.Groups[3].Value.Length == 0 ? new long[0] : input.Groups[3].Value.Split('x').Select(long.Parse).ToArray();
        var (descr, size) = input.Groups[2].Value switch
        {
            "int8" => ("|i1", 1), "uint8" => ("|u1", 1), "bool" => ("|b1", 1), "int16" => ("<i2", 2), "int32" => ("<i4", 4), _ => ("<f4", 4),
        };
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var data = new byte[count * size];
        if (descr == "<f4")
        {
            for (var i = 0; i < count; i++) BitConverter.GetBytes((float)(random.NextDouble() * 2 - 1)).CopyTo(data, i * 4);
        }
        else if (descr == "|b1")
        {
            for (var i = 0; i < count; i++) data[i] = (byte)random.Next(2);
        }
        else
        {
            random.NextBytes(data);
        }

        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var entry = zip.CreateEntry(input.Groups[1].Value + ".npy").Open();
        entry.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8) });
        entry.Write(System.Text.Encoding.ASCII.GetBytes(header));
        entry.Write(data);
    }
}

void WriteBenchReports(ConvertableDirectoryPath bench, string[] boards, List<BenchResult> results)
{
    var markdown = new System.Text.StringBuilder()
        .AppendLine("# Model benchmarks")
        .AppendLine()
        .AppendLine("Instructions per inference under QEMU `-icount shift=0` (firmware built with arm-none-eabi-gcc -O2); compile = the whole `mtvm-opt` process (the Publish target's ReadyToRun build) with the default pipeline, fastest of three runs.")
        .AppendLine()
        .AppendLine("Glue = the runtime glue's own flash: everything but the kernels and the weights that running the model takes — the C runtime's objects the model needs (built as the firmware templates build it for the board, `MTVM_ERROR_DETAIL=0` on the QEMU boards) plus the generated code's run function, typed entry point, descriptors and names. The firmware's own main, start-up, board and semihosting code (`runtime/templates/common`) is the test harness, not glue; nor are libgcc and the templates' libm/mem* functions. Measured with `runtime/crt/tools/size-breakdown.sh` on the same project built at -Os with every kernel kept out of line (docs/runtime.md, \"Footprint\"); the budget is 2,048 bytes.")
        .AppendLine()
        .AppendLine("| model | MACs | compile s | " + string.Join(" | ", boards.Select(b => b.Replace("qemu-mps2-", "") + " instr")) + " | MAC/instr an386 | flash an386 | RAM an386 | glue an386 |")
        .AppendLine("|---|---:|---:|" + string.Concat(boards.Select(_ => "---:|")) + "---:|---:|---:|---:|");
    foreach (var r in results)
    {
        string Instructions(string board) => r.Runs.TryGetValue(board, out var run) && run.Error is null ? run.Instructions.ToString("N0") : "—";
        var m4 = r.Runs.TryGetValue("qemu-mps2-an386", out var an386) && an386.Error is null ? an386 : null;
        var ratio = m4 is not null && m4.Instructions > 0 && r.Macs > 0 ? ((double)r.Macs / m4.Instructions).ToString("0.00") : "—";
        markdown.AppendLine($"| {r.Model} | {r.Macs:N0} | {r.CompileSeconds:0.00} | {string.Join(" | ", boards.Select(Instructions))} | {ratio} | {(m4 is null ? "—" : m4.Flash.ToString("N0"))} | {(m4 is null ? "—" : m4.Ram.ToString("N0"))} | {(m4?.Breakdown is { } b ? b["glue"].ToString("N0") : "—")} |");
    }

    var failures = results.Where(r => r.Error is not null).Select(r => $"- {r.Model}: {r.Error}")
        .Concat(results.SelectMany(r => r.Runs.Where(x => x.Value.Error is not null).Select(x => $"- {r.Model} on {x.Key}: {x.Value.Error}"))).ToList();
    if (failures.Count > 0)
    {
        markdown.AppendLine().AppendLine("Not measured:").AppendLine(string.Join("\n", failures));
    }

    System.IO.File.WriteAllText(MakeAbsolute(bench + File("models.md")).FullPath, markdown.ToString());
    using var stream = System.IO.File.Create(MakeAbsolute(bench + File("models.json")).FullPath);
    using var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true });
    json.WriteStartArray();
    foreach (var r in results)
    {
        json.WriteStartObject();
        json.WriteString("model", r.Model);
        json.WriteNumber("macs", r.Macs);
        json.WriteNumber("compile_seconds", r.CompileSeconds);
        if (r.Error is not null) json.WriteString("error", r.Error);
        json.WriteStartArray("passes");
        foreach (var (pass, ms) in r.Passes)
        {
            json.WriteStartObject();
            json.WriteString("pass", pass);
            json.WriteNumber("ms", ms);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("boards");
        foreach (var (board, run) in r.Runs)
        {
            json.WriteStartObject(board);
            if (run.Error is not null)
            {
                json.WriteString("error", run.Error);
            }
            else
            {
                json.WriteNumber("instructions_per_inference", run.Instructions);
                json.WriteNumber("macs_per_instruction", run.Instructions > 0 ? (double)r.Macs / run.Instructions : 0);
                json.WriteNumber("flash_bytes", run.Flash);
                json.WriteNumber("ram_bytes", run.Ram);
                if (run.Breakdown is { } breakdown)
                {
                    // The runtime glue's own flash and where the rest goes, from the -Os size build (see models.md).
                    json.WriteNumber("glue_bytes", breakdown["glue"]);
                    json.WriteStartObject("size_breakdown_os");
                    foreach (var (key, bytes) in breakdown)
                    {
                        json.WriteNumber(key, bytes);
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    json.WriteEndArray();
    Information($"wrote {MakeAbsolute(bench + File("models.md"))} and models.json");
}

record BenchRun(long Instructions, long Flash, long Ram, string Error)
{
    /// <summary>size-breakdown.sh's figures (flash, glue, glue_runtime, glue_model, kernels, weights, libraries, harness, other) of the -Os size build.</summary>
    public Dictionary<string, long> Breakdown { get; init; }
}

record BenchResult(string Model, long Macs, double CompileSeconds, List<(string Pass, double Ms)> Passes, Dictionary<string, BenchRun> Runs, string Error);
