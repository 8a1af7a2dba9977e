namespace MicroTvm.Driver.Tests;

/// <summary>A theory that needs libLLVM 14 and the given programs, skipped as <see cref="LibLlvmFactAttribute"/> says.</summary>
public sealed class LibLlvmTheoryAttribute : TheoryAttribute
{
    public LibLlvmTheoryAttribute(params string[] programs)
    {
        Skip = LibLlvmFactAttribute.Why(programs);
    }
}
