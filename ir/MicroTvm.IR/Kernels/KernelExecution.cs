using System.Buffers.Binary;

namespace MicroTvm.IR.Kernels;

/// <summary>One run of <see cref="KernelEvaluator"/>: statements and memory. Variables live in one map; the verifier rules out shadowing.</summary>
internal sealed partial class KernelExecution(KernelFunction function, IReadOnlyDictionary<string, byte[]> buffers, bool targetHasDsp)
{
    private readonly Dictionary<string, Scalar> _variables = new(StringComparer.Ordinal);

    public void Run() => Execute(function.Body);

    private KernelEvaluationException Undefined(string what, Expr where) =>
        new($"kernel '{function.Name}': {what} in {where}");

    private void Execute(Stmt statement)
    {
        switch (statement)
        {
            case Block block:
                foreach (var child in block.Statements)
                {
                    Execute(child);
                }

                break;
            case For loop:
                for (var i = 0; i < loop.Extent; i++)
                {
                    _variables[loop.Variable.Name] = Scalar.Of(i);
                    Execute(loop.Body);
                }

                break;
            case Store store:
                var index = (int)Evaluate(store.Index).Int;
                var value = Evaluate(store.Value);
                Write(store.Buffer, index, value);
                break;
            case Declare declare:
                _variables[declare.Variable.Name] = Evaluate(declare.Init);
                break;
            case Assign assign:
                _variables[assign.Variable.Name] = Evaluate(assign.Value);
                break;
            case If branch:
                if (Evaluate(branch.Condition).IsTrue)
                {
                    Execute(branch.Then);
                }
                else if (branch.Else is { } otherwise)
                {
                    Execute(otherwise);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement.GetType().Name, "unknown statement");
        }
    }

    private Scalar Read(Load load, int index)
    {
        var buffer = load.Buffer;
        var size = buffer.ElementType.ByteSize();
        var bytes = buffers[buffer.Name].AsSpan(index * size, size);
        return buffer.ElementType switch
        {
            ElementType.F32 => Scalar.Of(BinaryPrimitives.ReadSingleLittleEndian(bytes)),
            ElementType.I8 => Scalar.Of((sbyte)bytes[0]),
            ElementType.U8 => Scalar.Of(bytes[0]),
            ElementType.I16 => Scalar.Of(BinaryPrimitives.ReadInt16LittleEndian(bytes)),
            ElementType.I32 => Scalar.Of(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
            ElementType.I64 => Scalar.Of(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            _ => bytes[0] <= 1 ? Scalar.Of(bytes[0]) : throw Undefined($"bool element {index} of '{buffer.Name}' holds {bytes[0]}, neither 0 nor 1", load),
        };
    }

    private void Write(KernelBuffer buffer, int index, Scalar value)
    {
        var size = buffer.ElementType.ByteSize();
        var bytes = buffers[buffer.Name].AsSpan(index * size, size);
        switch (buffer.ElementType)
        {
            case ElementType.F32:
                BinaryPrimitives.WriteSingleLittleEndian(bytes, value.Float);
                break;
            case ElementType.I16:
                BinaryPrimitives.WriteInt16LittleEndian(bytes, (short)value.Int);
                break;
            case ElementType.I32:
                BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value.Int);
                break;
            case ElementType.I64:
                BinaryPrimitives.WriteInt64LittleEndian(bytes, value.Int);
                break;
            default:
                bytes[0] = unchecked((byte)value.Int);
                break;
        }
    }
}
