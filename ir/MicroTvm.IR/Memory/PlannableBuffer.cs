namespace MicroTvm.IR.Memory;

/// <summary>
/// A buffer of the executor that a memory plan must place: an intermediate value of the main
/// graph (<see cref="Workspace"/> null) or a kernel call's scratch. It is live from step
/// <see cref="FirstStep"/> through <see cref="LastStep"/> (indices into the main graph's nodes),
/// and every kernel that touches it assumes <see cref="Alignment"/>.
/// </summary>
public sealed record PlannableBuffer(string Value, string? Workspace, long Bytes, int Alignment, int FirstStep, int LastStep)
{
    public string Name => Workspace is null ? $"%{Value}" : $"%{Value} workspace {Workspace}";

    public bool IsLiveWith(PlannableBuffer other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}
