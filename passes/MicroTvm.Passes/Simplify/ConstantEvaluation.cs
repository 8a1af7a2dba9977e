using System.Buffers.Binary;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes;

/// <summary>
/// Folds a closed expression (no variables, no loads) by running it through the
/// <see cref="KernelEvaluator"/> itself, as the one store of a one-element kernel: the folded
/// constant is by construction what the evaluator computes at run time, wrapping casts, C
/// division, intrinsics and f32 rounding included, and nothing of that arithmetic is written
/// twice. An expression the evaluator finds undefined (overflow, division by zero, a shift out
/// of range, an f32 that does not fit its integer cast) is not folded: it stays for the
/// evaluator to report at run time.
/// </summary>
internal static class ConstantEvaluation
{
    private const string ResultName = "result";

    public static Expr? TryFold(Expr expression)
    {
        var type = expression.Type;
        var result = new KernelBuffer(ResultName, type, 1, BufferRole.Output);
        var kernel = new KernelFunction("fold", [result], new Store(result, new IntImm(0, ElementType.I32), expression));
        var bytes = new byte[result.ByteSize];
        try
        {
            KernelEvaluator.Run(kernel, new Dictionary<string, byte[]>(StringComparer.Ordinal) { [ResultName] = bytes });
        }
        catch (KernelEvaluationException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // The expression does not verify on its own (ill-typed input): not ours to fold.
            return null;
        }

        return type switch
        {
            ElementType.F32 => new FloatImm(BinaryPrimitives.ReadSingleLittleEndian(bytes)),
            ElementType.I8 => new IntImm((sbyte)bytes[0], type),
            ElementType.U8 or ElementType.Bool => new IntImm(bytes[0], type),
            ElementType.I16 => new IntImm(BinaryPrimitives.ReadInt16LittleEndian(bytes), type),
            ElementType.I32 => new IntImm(BinaryPrimitives.ReadInt32LittleEndian(bytes), type),
            _ => new IntImm(BinaryPrimitives.ReadInt64LittleEndian(bytes), type),
        };
    }
}
