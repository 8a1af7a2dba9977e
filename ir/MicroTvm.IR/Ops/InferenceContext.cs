namespace MicroTvm.IR;

/// <summary>
/// What a type-inference function sees: the node, its operand types (null where an optional
/// operand is absent) and its declared result types. Where an op leaves part of the result type
/// free (the quantization of a conv's output, the element type of a cast), inference copies it
/// from the declared result. Errors are collected rather than thrown.
/// </summary>
public sealed class InferenceContext(Node node, ImmutableArray<TensorType?> operandTypes)
{
    private readonly List<string> _errors = [];

    public Node Node { get; } = node;

    public ImmutableArray<TensorType?> OperandTypes { get; } = operandTypes;

    public IReadOnlyList<string> Errors => _errors;

    public bool HasOperand(int index) => index < OperandTypes.Length && OperandTypes[index] is not null;

    public TensorType Operand(int index) =>
        OperandTypes[index] ?? throw new InvalidOperationException($"operand {index} of '{Node.Op.Name}' is absent");

    public int OperandCount => OperandTypes.Length;

    public TensorType? Declared(int resultIndex) =>
        resultIndex < Node.Results.Length ? Node.Results[resultIndex].Type : null;

    public void Error(string message) => _errors.Add(message);

    public bool HasErrors => _errors.Count > 0;
}
