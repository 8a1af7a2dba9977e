using System.CommandLine;
using MicroTvm.Driver.Output;
using MicroTvm.Passes.Instrumentation;

namespace MicroTvm.Driver;

/// <summary>The options and arguments of <c>mtvm-opt</c>, declared once and read by the actions.</summary>
internal sealed class OptCommandLine
{
    public Argument<string?> Input { get; } = new("INPUT") { Description = "the model: .mir, .tflite or .onnx", Arity = ArgumentArity.ZeroOrOne };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "write the resulting module here instead of standard output" };

    public Option<OutputFormat?> OutputFormat { get; } = new("--output-format")
    {
        Description = "what -o gets: mir, mlf (.tar), c (a directory), object (.o), static-lib (.a); default: from -o's extension",
        HelpName = "mir|mlf|c|object|static-lib",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (OutputFormats.TryParse(text, out var format))
            {
                return format;
            }

            result.AddError($"unknown output format '{text}'; the formats are: {string.Join(", ", OutputFormats.Names)}");
            return null;
        },
    };

    public Option<string?> ModelName { get; } = new("--model-name") { Description = "the model's name in the generated code and metadata.json (default: the input file's name)" };

    public Option<string?> Target { get; } = new("--target") { Description = "the code generator: c, or llvm (ELF objects from libLLVM); default: the pipeline's -D target=…, else c" };

    public Option<string?> Cpu { get; } = new("--mcpu", "-mcpu") { Description = "the CPU objects are compiled for: host, cortex-m3, cortex-m4, cortex-m7, cortex-m55, riscv32; default: the pipeline's -D mcpu=…, else host" };

    public Option<bool> WithObjects { get; } = new("--with-objects") { Description = "also compile the generated C into codegen/host/lib/*.o of the Model Library Format" };

    public Option<string?> Pipeline { get; } = new("--pipeline") { Description = "a .pass file with the pipeline(s) to run" };

    public Option<string?> PipelineName { get; } = new("--pipeline-name") { Description = "which pipeline of the file to run (default: its only one, or 'default')" };

    public Option<string?> PassPipeline { get; } = new("--pass-pipeline") { Description = "an inline pipeline, e.g. 'infer-types, eliminate-dead-code' (may use the --pipeline file's pipelines)" };

    public Option<string[]> Defines { get; } = new("-D") { Description = "set a parameter of the pipeline: -D name=value", HelpName = "name=value" };

    public Option<string[]> PassOptions { get; } = new("--pass-option") { Description = "set an option on every run of a pass: --pass-option pass.option=value", HelpName = "pass.option=value" };

    public Option<bool> ListPasses { get; } = new("--list-passes") { Description = "list the registered passes with their options and statistics" };

    public Option<ListingFormat> Format { get; } = new("--format") { Description = "format of --list-passes", DefaultValueFactory = _ => ListingFormat.Text };

    public Option<bool> DumpPassPipeline { get; } = new("--dump-pass-pipeline") { Description = "print the bound pipeline (every option explicit) as .pass text" };

    public Option<bool> SupportedOps { get; } = new("--supported-ops") { Description = "list every op of the model as supported or not (and why), before any compile; exit 1 if any is unsupported" };

    public Option<bool> Verify { get; } = new("--verify") { Description = "only verify the input and report every error" };

    public Option<bool> NoVerifyEach { get; } = new("--no-verify-each") { Description = "do not run the verifier after every pass" };

    public Option<string[]> PrintIrBefore { get; } = new("--print-ir-before") { Description = "print the module before these passes (comma-separated)", HelpName = "P,Q" };

    public Option<string[]> PrintIrAfter { get; } = new("--print-ir-after") { Description = "print the module after these passes (comma-separated)", HelpName = "P,Q" };

    public Option<bool> PrintIrAfterAll { get; } = new("--print-ir-after-all") { Description = "print the module after every pass" };

    public Option<string?> IrDumpDir { get; } = new("--ir-dump-dir") { Description = "write the module after every pass to DIR, one numbered file per pass run", HelpName = "DIR" };

    public Option<bool> Timing { get; } = new("--timing") { Description = "report the time of every pass run" };

    public Option<TimingFormat> TimingFormat { get; } = new("--timing-format") { Description = "format of --timing", DefaultValueFactory = _ => Passes.Instrumentation.TimingFormat.Text };

    public Option<bool> Statistics { get; } = new("--statistics") { Description = "report the statistics of every pass" };

    public Option<int?> BisectLimit { get; } = new("--bisect-limit") { Description = "apply only the first N pass runs and say which was last", HelpName = "N" };

    public Option<string?> ReproducerDir { get; } = new("--reproducer-dir") { Description = "where crash reproducers are written (default: the temporary directory)", HelpName = "DIR" };

    public Option<string[]> Plugins { get; } = new("--load-pass-plugin") { Description = "load the passes of an assembly", HelpName = "PATH" };

    public Option<string[]> Pools { get; } = new("--pool") { Description = "a workspace pool for plan-memory, repeatable, filled in order: --pool sram=256K --pool dtcm=64K@32", HelpName = "name=SIZE[@ALIGNMENT]" };

    public Option<bool> MemoryReport { get; } = new("--memory-report") { Description = "print the memory plan: every buffer (bytes, first/last step, pool, offset), the peak, the lower bound and the gap" };

    public Option<string?> MemoryPlot { get; } = new("--memory-plot") { Description = "draw the memory plan (time × address, peak step marked) as SVG here", HelpName = "FILE.svg" };

    public Option<string?> Board { get; } = new("--board") { Description = "where to run the model: interpreter, host, qemu-mps2-an385, qemu-mps2-an386, qemu-mps2-an500, qemu-mps3-an547, qemu-riscv32", DefaultValueFactory = _ => "interpreter" };

    public Option<int> Repeat { get; } = new("--repeat") { Description = "inferences per run on a board (the instruction count is their mean)", DefaultValueFactory = _ => 1 };

    public Option<string?> FirmwareFlags { get; } = new("--firmware-cflags") { Description = "extra flags for compiling and linking the firmware, e.g. \"-fsanitize=address,undefined\" on the host", HelpName = "FLAGS" };

    public Option<string?> Report { get; } = new("--report") { Description = "write the run's figures (board, instructions_per_inference, flash_bytes, ram_bytes) as JSON here" };

    public Option<string?> Template { get; } = new("--template") { Description = "the board the project is for: host, qemu-mps2-an385, qemu-mps2-an386, qemu-mps2-an500, qemu-mps3-an547, qemu-riscv32" };

    public Option<string[]> Mlf { get; } = new("--mlf") { Description = "a compiled model (Model Library Format .tar) for the project; repeat it to link several models into one image", HelpName = "model.tar" };

    public Argument<string> Project { get; } = new("PROJECT") { Description = "the project directory (made by micro create-project)" };

    public Option<string?> Inputs { get; } = new("--inputs") { Description = "input tensors (.npz, keyed by the model's input names)" };

    public Option<string?> Outputs { get; } = new("--outputs") { Description = "where to write the output tensors (.npz)" };

    public RootCommand CreateRoot(string toolName, Func<ParseResult, int> compile, Func<ParseResult, int> run, Func<ParseResult, int> micro)
    {
        var root = new RootCommand($"{toolName}: runs pass pipelines over MicroTvm modules")
        {
            Input, Output, OutputFormat, ModelName, Target, Cpu, WithObjects, Pipeline, PipelineName, PassPipeline, Defines, PassOptions, ListPasses, Format, DumpPassPipeline,
            SupportedOps, Verify, NoVerifyEach, PrintIrBefore, PrintIrAfter, PrintIrAfterAll, IrDumpDir, Timing, TimingFormat, Statistics,
            BisectLimit, ReproducerDir, Plugins, Pools, MemoryReport, MemoryPlot,
        };
        root.SetAction(compile);
        var runCommand = new Command("run", "run a model (or a compiled .tar, or a project directory) on a board: the reference interpreter, the host, or an emulated board")
        {
            Input, Board, Inputs, Outputs, Repeat, Report, Pipeline, FirmwareFlags, Target,
        };
        runCommand.SetAction(run);
        root.Subcommands.Add(runCommand);
        root.Subcommands.Add(CreateMicro(micro));
        return root;
    }

    private Command CreateMicro(Func<ParseResult, int> action)
    {
        var create = new Command("create-project", "make a self-contained firmware project (template, runtime, generated code, Makefile, mtvm-project.json) from compiled models")
        {
            Template, Mlf, Output,
        };
        var build = new Command("build", "build a project's firmware") { Project, FirmwareFlags };
        var flash = new Command("flash", "build a project's image and check its flash and RAM use against the board's limits (QEMU boards load the image at run time)") { Project, FirmwareFlags };
        foreach (var command in new[] { create, build, flash })
        {
            command.SetAction(action);
        }

        return new Command("micro", "firmware projects for boards") { create, build, flash };
    }
}
