namespace MicroTvm.Passes.Tests.Support;

/// <summary>Throws on purpose: exercises crash reproducers.</summary>
[Pass("test-crash", "throws an exception", Description = "Test only.")]
public sealed class CrashingPass : Pass
{
    [PassOption("message", "the exception message")]
    public string Message { get; set; } = "boom";

    public override Module Run(Module module, PassContext context) => throw new InvalidOperationException(Message);
}
