namespace MicroTvm.Driver.Firmware;

/// <summary>
/// What one firmware run reported: its result line's fields (<c>MTVM_RESULT</c> or
/// <c>MTVM_FAULT</c>, see runtime/templates/README.md), the output bytes on success, and the
/// image's flash and RAM use.
/// </summary>
public sealed record FirmwareResult(
    string Board,
    int ExitCode,
    IReadOnlyDictionary<string, string> Fields,
    bool Faulted,
    byte[]? Outputs,
    long FlashBytes,
    long RamBytes,
    string Console)
{
    public bool Succeeded => ExitCode == 0 && !Faulted && Outputs is not null;

    /// <summary>Instructions per inference (nanoseconds on the host, where there is no instruction counter).</summary>
    public long? InstructionsPerInference => Fields.TryGetValue("per_run", out var text) && long.TryParse(text, out var value) ? value : null;

    public string Describe()
    {
        if (Faulted)
        {
            return $"the firmware faulted on {Board}: {string.Join(' ', Fields.Select(f => $"{f.Key}={f.Value}"))}";
        }

        if (ExitCode == 124)
        {
            return $"the firmware did not finish on {Board} within the time limit (no result line); console:\n{Console}";
        }

        if (Fields.Count == 0)
        {
            return $"the firmware on {Board} exited with code {ExitCode} without a result line; console:\n{Console}";
        }

        var status = Fields.TryGetValue("name", out var name) ? $" status {name}" : string.Empty;
        var stage = Fields.TryGetValue("stage", out var where) ? $" at {where}" : string.Empty;
        var error = Fields.TryGetValue("error", out var text) ? $": {text}" : string.Empty;
        return $"the firmware on {Board} failed (exit code {ExitCode}){status}{stage}{error}";
    }
}
