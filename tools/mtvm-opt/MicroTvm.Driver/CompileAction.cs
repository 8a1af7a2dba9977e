using System.CommandLine;
using ModulePrinter = MicroTvm.IR.Text.ModulePrinter;
using MicroTvm.Driver.Memory;
using MicroTvm.Driver.Output;
using MicroTvm.IR.Verification;
using MicroTvm.Passes;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Driver;

/// <summary>
/// The main path: load plugins, list passes, or bind the pipeline, import the input, run the
/// pipeline under the requested instrumentation and write the result.
/// </summary>
internal sealed class CompileAction(DriverConfiguration configuration, OptCommandLine commandLine, ParseResult parsed, TextWriter output, TextWriter error)
{
    private readonly DiagnosticPrinter _diagnostics = new(error);

    public int Run()
    {
        if (PluginRegistry.Load(configuration.Registry, parsed.GetValue(commandLine.Plugins) ?? [], _diagnostics) is not { } registry)
        {
            return ExitCodes.CompileError;
        }

        if (parsed.GetValue(commandLine.ListPasses))
        {
            output.Write(parsed.GetValue(commandLine.Format) == ListingFormat.Markdown ? PassListing.Markdown(registry) : PassListing.Text(registry));
            return ExitCodes.Success;
        }

        var pipeline = BindPipeline(registry, out var pipelineFailed);
        if (pipelineFailed)
        {
            return ExitCodes.CompileError;
        }

        if (parsed.GetValue(commandLine.DumpPassPipeline))
        {
            output.Write(pipeline?.ToString() ?? throw new UsageException("--dump-pass-pipeline needs --pipeline or --pass-pipeline"));
            if (parsed.GetValue(commandLine.Input) is null)
            {
                return ExitCodes.Success;
            }
        }

        var inputPath = parsed.GetValue(commandLine.Input) ?? throw new UsageException($"no input file; see '{configuration.ToolName} --help'");
        if (inputPath.StartsWith('-'))
        {
            throw new UsageException($"unknown option '{inputPath}'; see '{configuration.ToolName} --help'");
        }

        if (parsed.GetValue(commandLine.SupportedOps))
        {
            return ReportSupport(inputPath);
        }

        if (ModuleInput.Import(configuration, inputPath, _diagnostics) is not { } module)
        {
            return ExitCodes.CompileError;
        }

        // With a pipeline the input is not verified up front: infer-types exists to repair stale
        // types (as some model files have), and the verifier runs after every pass anyway.
        if (pipeline is null || parsed.GetValue(commandLine.Verify))
        {
            return _diagnostics.Print(ModuleVerifier.Verify(module)) ? ExitCodes.CompileError : Print(module);
        }

        var opsIn = module.Main.Nodes.Count(n => !ReferenceEquals(n.Op, Ops.Constant));
        return RunPipeline(module, pipeline) is { } result && WriteMemoryFigures(result) ? Write(result, inputPath, opsIn) : ExitCodes.CompileError;
    }

    /// <summary>--memory-report (to standard output, or standard error when that carries the module) and --memory-plot.</summary>
    private bool WriteMemoryFigures(Module module)
    {
        var report = parsed.GetValue(commandLine.MemoryReport);
        var plot = parsed.GetValue(commandLine.MemoryPlot);
        if (!report && plot is null)
        {
            return true;
        }

        if (module.MemoryPlan is null)
        {
            error.WriteLine("error: --memory-report and --memory-plot need a pipeline that runs plan-memory");
            return false;
        }

        var figures = PlanFigures.Of(module);
        if (report)
        {
            (parsed.GetValue(commandLine.Output) is null ? error : output).Write(MemoryReport.Text(figures));
        }

        if (plot is not null)
        {
            File.WriteAllText(plot, MemoryPlot.Svg(figures));
        }

        return true;
    }

    private int Write(Module module, string inputPath, int opsIn)
    {
        var outputPath = parsed.GetValue(commandLine.Output);
        var format = parsed.GetValue(commandLine.OutputFormat) ?? (outputPath is null ? OutputFormat.Mir : OutputFormats.FromPath(outputPath));
        if (format == OutputFormat.Mir)
        {
            return Print(module);
        }

        if (outputPath is null)
        {
            throw new UsageException($"--output-format {OutputFormats.Names.ElementAt((int)format)} needs -o");
        }

        if (CodeGenerator.Problem(module) is { } problem)
        {
            error.WriteLine($"error: cannot write {OutputFormats.Names.ElementAt((int)format)} output: {problem}");
            return ExitCodes.CompileError;
        }

        var target = TargetSelection.Resolve(parsed.GetValue(commandLine.Target), parsed.GetValue(commandLine.Cpu), parsed.GetValue(commandLine.Defines) ?? []);
        var modelName = parsed.GetValue(commandLine.ModelName) ?? Path.GetFileNameWithoutExtension(inputPath);
        var withObjects = format is OutputFormat.Object or OutputFormat.StaticLib || parsed.GetValue(commandLine.WithObjects);
        var model = CodeGenerator.Generate(module, modelName, target, opsIn, withObjects, $"{configuration.ToolName} {ToolVersion.Text}", error);
        OutputWriter.Write(model, format, outputPath, configuration.ToolName, ToolVersion.Text, error);
        output.Write(OutputWriter.Summary(model, format, outputPath));
        return ExitCodes.Success;
    }

    private int ReportSupport(string inputPath)
    {
        var report = ModuleInput.ReportSupport(configuration, inputPath, _diagnostics);
        foreach (var line in report.Lines)
        {
            output.WriteLine(line);
        }

        _diagnostics.Print(report.Diagnostics);
        return report.AllSupported ? ExitCodes.Success : ExitCodes.CompileError;
    }

    private int Print(Module module)
    {
        if (parsed.GetValue(commandLine.Verify))
        {
            return ExitCodes.Success;
        }

        var text = ModulePrinter.Print(module);
        if (parsed.GetValue(commandLine.Output) is { } outputPath)
        {
            File.WriteAllText(outputPath, text);
        }
        else
        {
            output.Write(text);
        }

        return ExitCodes.Success;
    }

    private ResolvedPipeline? BindPipeline(PassRegistry registry, out bool failed)
    {
        failed = false;
        var file = parsed.GetValue(commandLine.Pipeline);
        var inline = parsed.GetValue(commandLine.PassPipeline);
        var parameters = OverrideParser.Parameters(parsed.GetValue(commandLine.Defines) ?? []);
        var passOptions = OverrideParser.PassOptions(parsed.GetValue(commandLine.PassOptions) ?? [])
            .AddRange(PoolOptions.Overrides(parsed.GetValue(commandLine.Pools) ?? []));
        if (file is null && inline is null)
        {
            return parameters.Length > 0 || passOptions.Length > 0 || parsed.GetValue(commandLine.PipelineName) is not null
                ? throw new UsageException("-D, --pass-option and --pipeline-name need --pipeline or --pass-pipeline")
                : null;
        }

        PipelineLibrary? library = null;
        if (file is not null)
        {
            library = PipelineLoader.Load(file);
            _diagnostics.AddSources(library.Sources);
            if (_diagnostics.Print(library.Diagnostics))
            {
                failed = true;
                return null;
            }
        }

        var binder = new PipelineBinder(registry);
        ResolvedPipeline? pipeline;
        ImmutableArray<Diagnostic> diagnostics;
        if (inline is not null)
        {
            const string origin = "<--pass-pipeline>";
            _diagnostics.AddSource(origin, inline);
            var (steps, syntaxErrors) = PipelineParser.ParseSteps(inline, origin);
            (pipeline, diagnostics) = syntaxErrors.IsEmpty ? binder.BindSteps("inline", steps, library, passOptions) : (null, syntaxErrors);
        }
        else
        {
            (pipeline, diagnostics) = binder.Bind(library!, parsed.GetValue(commandLine.PipelineName), parameters, passOptions);
        }

        failed = _diagnostics.Print(diagnostics);
        return pipeline;
    }

    private Module? RunPipeline(Module module, ResolvedPipeline pipeline)
    {
        var instrumentation = new InstrumentationSetup(commandLine, parsed, error);
        var options = new PassManagerOptions { VerifyEach = !parsed.GetValue(commandLine.NoVerifyEach) };
        var result = new PassManager(options, instrumentation.All).Run(module, pipeline);
        var failed = _diagnostics.Print(result.Diagnostics);
        instrumentation.Report(error);
        return failed ? null : result.Module;
    }
}
