namespace MicroTvm.Driver;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input, the pipeline or a pass is in error; the diagnostics were printed.</summary>
    public const int CompileError = 1;

    /// <summary>The command line is wrong.</summary>
    public const int UsageError = 2;
}
