namespace MicroTvm.Passes;

/// <summary>
/// Hooks around every pass run. Printing, dumping, timing, statistics, bisection and crash
/// reproducers are all instrumentations; the manager knows none of them. Every hook has an
/// empty default so that an instrumentation implements only what it needs.
/// </summary>
public interface IPassInstrumentation
{
    /// <summary>False skips the run (the module passes through unchanged); used by bisection.</summary>
    bool ShouldRun(PassRun run) => true;

    void BeforePass(PassRun run, Module module)
    {
    }

    void AfterPass(PassRun run, Module module, ImmutableArray<StatisticValue> statistics)
    {
    }

    /// <summary>The pass threw, reported errors, or produced a module the verifier rejects.</summary>
    void PassFailed(PassRun run, Module input, PassFailure failure)
    {
    }
}
