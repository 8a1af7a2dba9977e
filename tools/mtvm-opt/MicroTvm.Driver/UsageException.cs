namespace MicroTvm.Driver;

/// <summary>A command line that cannot be acted on; the driver prints the message and exits with <see cref="ExitCodes.UsageError"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
