using MicroTvm.Backends.LlvmObj;

namespace MicroTvm.Driver.Tests;

/// <summary>
/// A fact that needs libLLVM 14 and the given programs: skipped only when one is missing and the
/// tool cannot install it (not root), since mtvm-opt installs them as root.
/// </summary>
public sealed class LibLlvmFactAttribute : FactAttribute
{
    public LibLlvmFactAttribute(params string[] programs)
    {
        Skip = Why(programs);
    }

    /// <summary>Why a test needing libLLVM and <paramref name="programs"/> is skipped here, or null to run it.</summary>
    internal static string? Why(string[] programs)
    {
        var onPath = programs.All(program => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, program))));
        if ((!LlvmLibrary.IsAvailable || !onPath) && Environment.UserName != "root")
        {
            return $"libLLVM 14 or one of {string.Join(", ", programs)} is not installed, and only root can have the tool install them";
        }

        return null;
    }
}
