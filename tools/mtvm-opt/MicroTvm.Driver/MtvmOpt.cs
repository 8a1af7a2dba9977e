using System.CommandLine;

namespace MicroTvm.Driver;

/// <summary>
/// The <c>mtvm-opt</c> tool as a library: parse the command line, run the compile path, the
/// <c>run</c> subcommand or a <c>micro</c> subcommand, and return the exit code (0 success, 1 compile error, 2 usage error).
/// </summary>
public static class MtvmOpt
{
    public static int Run(string[] args, DriverConfiguration configuration, TextWriter output, TextWriter error)
    {
        var commandLine = new OptCommandLine();
        var root = commandLine.CreateRoot(
            configuration.ToolName,
            parsed => Guard(error, () => new CompileAction(configuration, commandLine, parsed, output, error).Run()),
            parsed => Guard(error, () => new RunAction(configuration, commandLine, parsed, output, error).Run()),
            parsed => Guard(error, () => new Micro.MicroAction(commandLine, parsed, output, error).Run()));
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"{configuration.ToolName}: {parseError.Message}");
            }

            error.WriteLine($"see '{configuration.ToolName} --help'");
            return ExitCodes.UsageError;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
        catch (Output.ToolException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.CompileError;
        }
    }
}
