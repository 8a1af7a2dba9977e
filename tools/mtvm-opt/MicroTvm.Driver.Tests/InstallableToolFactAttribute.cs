namespace MicroTvm.Driver.Tests;

/// <summary>A fact that needs an external program: skipped only when it is missing and cannot be installed (not root), since the tool installs it as root.</summary>
public sealed class InstallableToolFactAttribute : FactAttribute
{
    public InstallableToolFactAttribute(string program)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
        if (!onPath && Environment.UserName != "root")
        {
            Skip = $"{program} is not installed, and only root can have the tool install it";
        }
    }
}
