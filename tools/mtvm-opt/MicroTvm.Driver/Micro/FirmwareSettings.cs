namespace MicroTvm.Driver.Micro;

/// <summary>
/// How a project's firmware is built and run: inferences per run (the instruction count is their
/// mean), extra compile and link flags, and the time limit of one boot.
/// </summary>
public sealed record FirmwareSettings(int Repeat = 1, string ExtraFlags = "", int TimeoutSeconds = 60);
