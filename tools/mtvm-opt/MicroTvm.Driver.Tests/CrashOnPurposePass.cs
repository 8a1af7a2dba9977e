namespace MicroTvm.Driver.Tests;

/// <summary>Throws on purpose, for the crash reproducer test.</summary>
[Pass("test-crash", "throws an exception", Description = "Test only.")]
public sealed class CrashOnPurposePass : Pass
{
    public override Module Run(Module module, PassContext context) => throw new InvalidOperationException("on purpose");
}
