namespace MicroTvm.IR.Interpretation;

/// <summary>What a kernel sees: the node, its operand tensors (null where an optional operand is absent) and the result types to produce.</summary>
internal sealed class KernelContext(Node node, ImmutableArray<HostTensor?> operands, ImmutableArray<TensorType> resultTypes)
{
    public Node Node { get; } = node;

    public ImmutableArray<HostTensor?> Operands { get; } = operands;

    public ImmutableArray<TensorType> ResultTypes { get; } = resultTypes;

    /// <summary>Runs another graph of the module on host tensors (for <c>call</c>); set by the interpreter.</summary>
    public Func<string, ImmutableArray<HostTensor>, ImmutableArray<HostTensor>>? RunGraph { get; init; }

    /// <summary>Finds a kernel of the module (for <c>kernel_call</c>); set by the interpreter.</summary>
    public Func<string, Kernels.KernelFunction?>? FindKernel { get; init; }

    public int OperandCount => Operands.Length;

    public TensorType ResultType => ResultTypes[0];

    public HostTensor Operand(int index) =>
        OptionalOperand(index) ?? throw new InterpreterFailure($"operand '{OperandName(index)}' is required");

    public HostTensor? OptionalOperand(int index) => index < Operands.Length ? Operands[index] : null;

    public SpatialWindow Window(int spatialRank) =>
        SpatialWindow.FromNode(Node, spatialRank, message => throw new InterpreterFailure(message))!;

    public static ImmutableArray<HostTensor> One(HostTensor tensor) => [tensor];

    private string OperandName(int index) =>
        index < Node.Op.Operands.Length ? Node.Op.Operands[index].Name : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
