namespace MicroTvm.IR;

/// <summary>
/// The steps of a schedule during which a value must be held: from the step that defines it
/// (0 for graph inputs) through the step of its last use (the last step for graph outputs),
/// both inclusive. A value nobody uses lives only at its definition.
/// </summary>
public readonly record struct LiveInterval(Value Value, int Definition, int LastUse, bool IsConstant)
{
    public bool IsLiveAt(int step) => Definition <= step && step <= LastUse;
}
