using System.Diagnostics;
using MicroTvm.Passes.Pipelines;

namespace MicroTvm.Passes;

/// <summary>
/// Runs a bound pipeline over a module: a fresh pass instance per run, the verifier after every
/// pass (unless turned off), instrumentation hooks around each run. A pass that throws or
/// reports an error stops the pipeline. All state lives in one run.
/// </summary>
public sealed class PassManager(PassManagerOptions options, IEnumerable<IPassInstrumentation> instrumentations)
{
    private readonly ImmutableArray<IPassInstrumentation> _instrumentations = [.. instrumentations];

    public PassManagerResult Run(Module module, ResolvedPipeline pipeline)
    {
        var run = new Execution(options, _instrumentations);
        var result = run.RunSteps(module, pipeline.Steps, []);
        return new PassManagerResult(result, run.Diagnostics.ToImmutable());
    }

    private sealed class Execution(PassManagerOptions options, ImmutableArray<IPassInstrumentation> instrumentations)
    {
        private int _runs;

        public DiagnosticBag Diagnostics { get; } = new();

        public Module? RunSteps(Module module, ImmutableArray<ResolvedStep> steps, ImmutableArray<AnchorDescriptor> anchors)
        {
            Module? current = module;
            foreach (var step in steps)
            {
                current = step switch
                {
                    ResolvedPass pass => RunPass(current, new PassRun(++_runs, pass, anchors)),
                    ResolvedNest nest => nest.Anchor.Create().Apply(current, unit => RunSteps(unit, nest.Steps, anchors.Add(nest.Anchor))),
                    _ => throw new UnreachableException($"unexpected step {step}"),
                };
                if (current is null)
                {
                    return null;
                }
            }

            return current;
        }

        private Module? RunPass(Module module, PassRun run)
        {
            foreach (var instrumentation in instrumentations)
            {
                if (!instrumentation.ShouldRun(run))
                {
                    return module;
                }
            }

            foreach (var instrumentation in instrumentations)
            {
                instrumentation.BeforePass(run, module);
            }

            var pass = run.Step.Pass.Create(run.Step.OptionValues);
            var context = new PassContext();
            Module result;
            try
            {
                result = pass.Run(module, context);
            }
            catch (Exception e)
            {
                var crash = Diagnostic.Error(PassDiagnosticIds.PassCrashed, $"pass '{run.PassName}' crashed: {e.GetType().Name}: {e.Message}", run.Step.Location);
                return Fail(run, module, new PassFailure(e, [crash]));
            }

            if (context.Diagnostics.HasErrors)
            {
                return Fail(run, module, new PassFailure(null, [.. context.Diagnostics.Items, Note(run, "while running")]));
            }

            if (options.VerifyEach && options.Verifier(result) is var problems && problems.Any(d => d.IsError))
            {
                var failed = Diagnostic.Error(PassDiagnosticIds.VerificationFailed, $"the module does not verify after pass '{run.PassName}'", run.Step.Location);
                return Fail(run, module, new PassFailure(null, [failed, .. problems]));
            }

            Diagnostics.AddRange(context.Diagnostics.Items);
            var statistics = run.Step.Pass.ReadStatistics(pass);
            foreach (var instrumentation in instrumentations)
            {
                instrumentation.AfterPass(run, result, statistics);
            }

            return result;
        }

        private Module? Fail(PassRun run, Module input, PassFailure failure)
        {
            Diagnostics.AddRange(failure.Diagnostics);
            foreach (var instrumentation in instrumentations)
            {
                instrumentation.PassFailed(run, input, failure);
            }

            return null;
        }

        private static Diagnostic Note(PassRun run, string what) =>
            Diagnostic.Note(PassDiagnosticIds.PassFailed, $"{what} pass '{run.PassName}' (run #{run.Number})", run.Step.Location);
    }
}
