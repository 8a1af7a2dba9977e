namespace MicroTvm.IR;

/// <summary>One use of a value: operand <see cref="Index"/> of node <see cref="NodeIndex"/>, or graph output <see cref="Index"/>.</summary>
public readonly record struct Use(int NodeIndex, int Index)
{
    public const int GraphOutput = -1;

    public bool IsGraphOutput => NodeIndex == GraphOutput;
}
