namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>
/// A fact that needs libLLVM 14 and the given programs (gcc, readelf, …). As mtvm-opt does, a
/// missing libLLVM is installed with apt-get when the tests run as root (a fresh CI machine);
/// otherwise the test is skipped saying what is missing — except in CI (<c>CI=true</c>), where a
/// missing prerequisite fails the test instead of skipping it silently.
/// </summary>
public sealed class LlvmFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() => LlvmLibrary.IsAvailable || (TryInstall() && LlvmLibrary.IsAvailable));

    public LlvmFactAttribute(params string[] programs)
    {
        var missing = programs.Where(p => !ExternalProgram.IsAvailable(p)).ToList();
        if (!Available.Value)
        {
            missing.Insert(0, $"libLLVM 14 (Debian package {LlvmLibrary.DebianPackage})");
        }

        if (missing.Count > 0 && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"not installed: {string.Join(", ", missing)}";
        }
    }

    private static bool TryInstall()
    {
        if (Environment.UserName != "root" || !ExternalProgram.IsAvailable("apt-get"))
        {
            return false;
        }

        string[] install = ["install", "-y", "--no-install-recommends", LlvmLibrary.DebianPackage];
        if (ExternalProgram.Run("apt-get", install).ExitCode == 0)
        {
            return true;
        }

        ExternalProgram.Run("apt-get", "update");
        return ExternalProgram.Run("apt-get", install).ExitCode == 0;
    }
}
