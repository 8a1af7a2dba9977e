using MicroTvm.Frontend.TFLite;
using MicroTvm.IR;
using MicroTvm.IR.Verification;

namespace MicroTvm.Frontend.Tests.TFLite;

/// <summary>Import-and-verify with failure messages that show every diagnostic.</summary>
internal static class Imports
{
    public static Module ImportAndVerify(byte[] bytes, string fileName = "test.tflite")
    {
        var result = TfliteImporter.Import(bytes, fileName);
        Assert.True(result.Module is not null, $"import of {fileName} failed:\n{Describe(result.Diagnostics)}");
        var problems = ModuleVerifier.Verify(result.Module!);
        Assert.True(problems.IsEmpty, $"verifier rejected the import of {fileName}:\n{Describe(problems)}");
        return result.Module!;
    }

    public static ImportResult ImportFailing(byte[] bytes, string fileName = "test.tflite")
    {
        var result = TfliteImporter.Import(bytes, fileName);
        Assert.True(result.Module is null, $"import of {fileName} succeeded but should have failed:\n{Describe(result.Diagnostics)}");
        Assert.Contains(result.Diagnostics, d => d.IsError);
        return result;
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));
}
