namespace MicroTvm.Passes;

/// <summary>Stable ids of the diagnostics of pipelines, the pass manager and the passes: MTVM2000–MTVM2999.</summary>
public static class PassDiagnosticIds
{
    // .pass files and command-line overrides
    public const string PipelineSyntax = "MTVM2001";
    public const string UnknownPass = "MTVM2002";
    public const string UnknownOption = "MTVM2003";
    public const string OptionType = "MTVM2004";
    public const string MissingOption = "MTVM2005";
    public const string DuplicateOption = "MTVM2006";
    public const string IncludeNotFound = "MTVM2007";
    public const string IncludeCycle = "MTVM2008";
    public const string DuplicatePipeline = "MTVM2009";
    public const string UnknownPipeline = "MTVM2010";
    public const string UnknownParameter = "MTVM2011";
    public const string MissingParameter = "MTVM2012";
    public const string RecursivePipeline = "MTVM2013";
    public const string UnknownAnchor = "MTVM2014";
    public const string BadOverride = "MTVM2015";

    // the pass manager
    public const string PassCrashed = "MTVM2100";
    public const string VerificationFailed = "MTVM2101";
    public const string PassFailed = "MTVM2102";

    // plugins
    public const string PluginLoad = "MTVM2300";

    // passes
    public const string TypeInference = "MTVM2400";
    public const string QuantizedPatternRejected = "MTVM2420";
    public const string FuseOpsMaxDepth = "MTVM2440";
    public const string LoweringUnsupported = "MTVM2460";
    public const string NotLowered = "MTVM2480";
    public const string NoExecutor = "MTVM2500";
    public const string PoolTooSmall = "MTVM2501";
    public const string InvalidPlanOption = "MTVM2502";
}
