using MicroTvm.Driver.Firmware;

namespace MicroTvm.Driver.Micro;

/// <summary>
/// What one boot of a project's firmware did with a plan: the image's size, one result per
/// planned run up to and including the first that failed (the firmware stops there, so
/// <see cref="Results"/> is shorter than the plan when one failed before the end), and the console.
/// </summary>
public sealed record ProjectRun(ImageSize Size, ImmutableArray<FirmwareResult> Results, string Console);
