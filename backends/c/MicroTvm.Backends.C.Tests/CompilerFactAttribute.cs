namespace MicroTvm.Backends.C.Tests;

/// <summary>A fact that is skipped, saying why, when the C compiler it needs is not on PATH.</summary>
public sealed class CompilerFactAttribute : FactAttribute
{
    public CompilerFactAttribute(string compiler)
    {
        if (!CCompiler.IsAvailable(compiler))
        {
            Skip = $"{compiler} is not installed";
        }
    }
}
