using System.Globalization;
using MicroTvm.IR;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.LlvmObj;

/// <summary>
/// Expressions, each mapped to the LLVM operation with C's meaning for the kernel IR's operand
/// types: integer <c>+ - *</c> are <c>nsw</c> (overflow is undefined in kernel IR as in C),
/// <c>/ %</c> are <c>sdiv srem</c> (truncating, as C99), <c>&gt;&gt;</c> is <c>ashr</c>; f32
/// operations carry no fast-math flags; comparisons are ordered except <c>!=</c> (true for NaN,
/// as in C); casts follow C's conversions (u8 and bool widen with zeros, f32 to integer
/// truncates, anything to bool is "≠ 0"); min, max and saturate are the selects of
/// mtvm/fixed_point.h's helpers; the fixed-point intrinsics call that header's transcription
/// (<see cref="FixedPointFunctions"/>) and the float ones the libm functions the C calls.
/// Arms that read memory or call are evaluated only when taken, as in C (see <see cref="Costly"/>).
/// </summary>
internal sealed partial class LlvmKernelWriter
{
    private string Emit(Expr expression)
    {
        switch (expression)
        {
            case IntImm immediate:
                return LlvmTypes.Integer(immediate.Value, immediate.Type);
            case FloatImm immediate:
                return LlvmTypes.Float(immediate.Value);
            case Var variable:
            {
                var (slot, type) = _variables[variable.Name];
                var llvmType = LlvmTypes.Register(type);
                return _f.Value($"load {llvmType}, {llvmType}* {slot}");
            }

            case Load load:
                return EmitLoad(load);
            case Binary { Op: BinaryOp.And or BinaryOp.Or } logical when Costly(logical.Right):
            {
                var left = Emit(logical.Left);
                return logical.Op == BinaryOp.And
                    ? EmitBranches(ElementType.Bool, left, () => Emit(logical.Right), () => "false")
                    : EmitBranches(ElementType.Bool, left, () => "true", () => Emit(logical.Right));
            }

            case Binary binary:
                return EmitBinary(binary);
            case Not not:
                return _f.Value($"xor i1 {Emit(not.Operand)}, true");
            case Cast cast:
                return Convert(Emit(cast.Value), cast.Value.Type, cast.TargetType);
            case Select select when Costly(select.IfTrue) || Costly(select.IfFalse):
                return EmitBranches(select.Type, Emit(select.Condition), () => Emit(select.IfTrue), () => Emit(select.IfFalse));
            case Select select:
            {
                var condition = Emit(select.Condition);
                var ifTrue = Emit(select.IfTrue);
                var ifFalse = Emit(select.IfFalse);
                var type = LlvmTypes.Register(select.Type);
                return _f.Value($"select i1 {condition}, {type} {ifTrue}, {type} {ifFalse}");
            }

            case Saturate saturate:
                return EmitSaturate(saturate);
            case Call call:
                return EmitCall(call);
            default:
                throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression");
        }
    }

    /// <summary>
    /// Whether an operand reads memory or calls a function. Such a select arm or right operand of
    /// <c>&amp;&amp;</c>/<c>||</c> is evaluated only when needed, as C's <c>?:</c>, <c>&amp;&amp;</c> and
    /// <c>||</c> do: kernel IR allows evaluating it anyway (it has no effects), but a libm call in
    /// the arm not taken doubles the work, and LLVM cannot take calls that may set errno back out
    /// of a branch. Cheap arms LLVM's SimplifyCFG turns back into a select.
    /// </summary>
    private static bool Costly(Expr expression) => expression switch
    {
        Load or Call => true,
        Binary binary => Costly(binary.Left) || Costly(binary.Right),
        Not not => Costly(not.Operand),
        Cast cast => Costly(cast.Value),
        Saturate saturate => Costly(saturate.Value),
        Select select => Costly(select.Condition) || Costly(select.IfTrue) || Costly(select.IfFalse),
        _ => false,
    };

    /// <summary><c>condition ? ifTrue() : ifFalse()</c> with a branch and a phi, each arm emitted in its own block.</summary>
    private string EmitBranches(ElementType type, string condition, Func<string> ifTrue, Func<string> ifFalse)
    {
        var trueLabel = _f.Label("select.true");
        var falseLabel = _f.Label("select.false");
        var end = _f.Label("select.end");
        _f.Instruction($"br i1 {condition}, label %{trueLabel}, label %{falseLabel}");
        _f.Block(trueLabel);
        var trueValue = ifTrue();
        var trueEnd = _f.CurrentBlock;
        _f.Instruction($"br label %{end}");
        _f.Block(falseLabel);
        var falseValue = ifFalse();
        var falseEnd = _f.CurrentBlock;
        _f.Instruction($"br label %{end}");
        _f.Block(end);
        return _f.Value($"phi {LlvmTypes.Register(type)} [ {trueValue}, %{trueEnd} ], [ {falseValue}, %{falseEnd} ]");
    }

    private string EmitLoad(Load load)
    {
        var index = Emit(load.Index);
        var buffer = load.Buffer;
        var memoryType = LlvmTypes.Memory(buffer.ElementType);
        var address = _f.Value($"getelementptr inbounds {memoryType}, {memoryType}* {_buffers[buffer.Name]}, i32 {index}");
        var value = _f.Value($"load {memoryType}, {memoryType}* {address}, align {buffer.ElementType.ByteSize().ToString(CultureInfo.InvariantCulture)}");
        return buffer.ElementType == ElementType.Bool ? _f.Value($"trunc i8 {value} to i1") : value;
    }

    private string EmitBinary(Binary binary)
    {
        var left = Emit(binary.Left);
        var right = Emit(binary.Right);
        var operandType = binary.Left.Type;
        var type = LlvmTypes.Register(operandType);
        var isFloat = operandType == ElementType.F32;
        switch (binary.Op)
        {
            case BinaryOp.Min or BinaryOp.Max:
            {
                var predicate = (binary.Op, isFloat) switch
                {
                    (BinaryOp.Min, true) => "fcmp olt",
                    (BinaryOp.Max, true) => "fcmp ogt",
                    (BinaryOp.Min, false) => "icmp slt",
                    _ => "icmp sgt",
                };
                var pick = _f.Value($"{predicate} {type} {left}, {right}");
                return _f.Value($"select i1 {pick}, {type} {left}, {type} {right}");
            }

            case BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge:
                return _f.Value($"{Comparison(binary.Op, isFloat)} {type} {left}, {right}");
            default:
                var instruction = (binary.Op, isFloat) switch
                {
                    (BinaryOp.Add, true) => "fadd",
                    (BinaryOp.Sub, true) => "fsub",
                    (BinaryOp.Mul, true) => "fmul",
                    (BinaryOp.Div, true) => "fdiv",
                    (BinaryOp.Add, false) => "add nsw",
                    (BinaryOp.Sub, false) => "sub nsw",
                    (BinaryOp.Mul, false) => "mul nsw",
                    (BinaryOp.Div, false) => "sdiv",
                    (BinaryOp.Rem, false) => "srem",
                    (BinaryOp.Shl, false) => "shl",
                    (BinaryOp.Shr, false) => "ashr",
                    (BinaryOp.BitAnd or BinaryOp.And, false) => "and",
                    (BinaryOp.BitOr or BinaryOp.Or, false) => "or",
                    (BinaryOp.BitXor, false) => "xor",
                    _ => throw new ArgumentOutOfRangeException(nameof(binary), binary.Op, $"no {operandType.Mnemonic()} operation"),
                };
                return _f.Value($"{instruction} {type} {left}, {right}");
        }
    }

    private static string Comparison(BinaryOp op, bool isFloat) => (op, isFloat) switch
    {
        (BinaryOp.Eq, true) => "fcmp oeq",
        (BinaryOp.Ne, true) => "fcmp une",
        (BinaryOp.Lt, true) => "fcmp olt",
        (BinaryOp.Le, true) => "fcmp ole",
        (BinaryOp.Gt, true) => "fcmp ogt",
        (BinaryOp.Ge, true) => "fcmp oge",
        (BinaryOp.Eq, false) => "icmp eq",
        (BinaryOp.Ne, false) => "icmp ne",
        (BinaryOp.Lt, false) => "icmp slt",
        (BinaryOp.Le, false) => "icmp sle",
        (BinaryOp.Gt, false) => "icmp sgt",
        _ => "icmp sge",
    };

    /// <summary>C's conversion of <paramref name="value"/> from <paramref name="source"/> to <paramref name="target"/>.</summary>
    private string Convert(string value, ElementType source, ElementType target)
    {
        if (source == target)
        {
            return value;
        }

        var from = LlvmTypes.Register(source);
        var to = LlvmTypes.Register(target);
        if (target == ElementType.Bool)
        {
            return source == ElementType.F32
                ? _f.Value($"fcmp une float {value}, 0.0")
                : _f.Value($"icmp ne {from} {value}, 0");
        }

        if (source == ElementType.F32)
        {
            return _f.Value($"{(target == ElementType.U8 ? "fptoui" : "fptosi")} float {value} to {to}");
        }

        if (target == ElementType.F32)
        {
            return _f.Value($"{(LlvmTypes.IsUnsigned(source) ? "uitofp" : "sitofp")} {from} {value} to float");
        }

        var sourceBits = LlvmTypes.Bits(source);
        var targetBits = LlvmTypes.Bits(target);
        if (sourceBits == targetBits)
        {
            return value; // i8 <-> u8: the same bits
        }

        return sourceBits > targetBits
            ? _f.Value($"trunc {from} {value} to {to}")
            : _f.Value($"{(LlvmTypes.IsUnsigned(source) ? "zext" : "sext")} {from} {value} to {to}");
    }

    /// <summary>mtvm_clamp_i32/_i64 (<c>x &lt; low ? low : (x &gt; high ? high : x)</c>) where the target's range is narrower, then the cast.</summary>
    private string EmitSaturate(Saturate saturate)
    {
        var value = Emit(saturate.Value);
        var source = saturate.Value.Type;
        var target = saturate.TargetType;
        if (target.MinValue() > source.MinValue() || target.MaxValue() < source.MaxValue())
        {
            var type = LlvmTypes.Register(source);
            var low = Math.Max(target.MinValue(), source.MinValue()).ToString(CultureInfo.InvariantCulture);
            var high = Math.Min(target.MaxValue(), source.MaxValue()).ToString(CultureInfo.InvariantCulture);
            var above = _f.Value($"icmp sgt {type} {value}, {high}");
            var upper = _f.Value($"select i1 {above}, {type} {high}, {type} {value}");
            var below = _f.Value($"icmp slt {type} {value}, {low}");
            value = _f.Value($"select i1 {below}, {type} {low}, {type} {upper}");
        }

        return Convert(value, source, target);
    }

    private string EmitCall(Call call)
    {
        if (ConsecutiveBytes(call) is var (buffer, first))
        {
            // Four consecutive bytes packed into a word are one little-endian word load (unaligned:
            // a single LDR on the Cortex-M cores, as the C backend's mtvm_load_i8x4), which LLVM does
            // not find by itself once the bytes have been sign-extended and masked.
            var index = Emit(first);
            var address = _f.Value($"getelementptr inbounds i8, i8* {_buffers[buffer.Name]}, i32 {index}");
            var word = _f.Value($"bitcast i8* {address} to i32*");
            return _f.Value($"load i32, i32* {word}, align 1");
        }


        var arguments = call.Arguments.Select(argument => (Value: Emit(argument), argument.Type)).ToList();
        var list = string.Join(", ", arguments.Select(a => $"{LlvmTypes.Register(a.Type)} {a.Value}"));
        switch (call.Intrinsic)
        {
            case Intrinsic.Requantize:
                var helper = arguments[0].Type == ElementType.I64 ? FixedPointHelper.MultiplyByQuantizedMultiplierInt64 : FixedPointHelper.MultiplyByQuantizedMultiplier;
                return _f.Value($"call i32 {_module.Helper(helper)}({list})");
            case Intrinsic.SaturatingRoundingDoublingHighMul:
                return _f.Value($"call i32 {_module.Helper(FixedPointHelper.SaturatingRoundingDoublingHighMul)}({list})");
            case Intrinsic.RoundingDivideByPot:
                return _f.Value($"call i32 {_module.Helper(FixedPointHelper.RoundingDivideByPot)}({list})");
            case Intrinsic.TargetHasDsp:
                return _module.Target.HasDsp ? "true" : "false";
            case Intrinsic.PackI8x4:
                return _f.Value($"call i32 {_module.Helper(FixedPointHelper.PackI8x4)}({list})");
            case Intrinsic.Sxtb16:
                return _f.Value($"call i32 {_module.Helper(FixedPointHelper.Sxtb16)}({list})");
            case Intrinsic.Smlad:
                return _f.Value($"call i32 {_module.Helper(FixedPointHelper.Smlad)}({list})");
            default:
                var name = LibmName(call.Intrinsic);
                var convention = _module.Target.FloatCallingConvention;
                _module.Declare(name, $"{convention}float @{name}(float)");
                return _f.Value($"call {convention}float @{name}({list})");
        }
    }

    /// <summary>
    /// The buffer and first index when the four arguments of a pack_i8x4 are widened loads of
    /// elements e, e+1, e+2, e+3 of one i8/u8 buffer (e's affine form plus 1, 2, 3).
    /// </summary>
    private static (KernelBuffer Buffer, Expr Index)? ConsecutiveBytes(Call call)
    {
        if (call.Intrinsic != Intrinsic.PackI8x4
            || call.Arguments[0] is not Cast { TargetType: ElementType.I32, Value: Load { Buffer.ElementType: ElementType.I8 or ElementType.U8 } first }
            || AffineForm.TryCreate(first.Index) is not { } origin)
        {
            return null;
        }

        for (var k = 1; k < 4; k++)
        {
            if (call.Arguments[k] is not Cast { TargetType: ElementType.I32, Value: Load load } || load.Buffer != first.Buffer
                || AffineForm.TryCreate(load.Index) is not { } form || form.Constant - origin.Constant != k
                || !form.Coefficients.SequenceEqual(origin.Coefficients))
            {
                return null;
            }
        }

        return (first.Buffer, first.Index);
    }

    /// <summary>The libm function the C backend calls for a float intrinsic (math.h's f32 versions).</summary>
    private static string LibmName(Intrinsic intrinsic) => intrinsic switch
    {
        Intrinsic.Exp => "expf",
        Intrinsic.Log => "logf",
        Intrinsic.Sqrt => "sqrtf",
        Intrinsic.Tanh => "tanhf",
        Intrinsic.Floor => "floorf",
        Intrinsic.RoundHalfEven => "rintf",
        Intrinsic.RoundHalfAway => "roundf",
        _ => throw new ArgumentOutOfRangeException(nameof(intrinsic), intrinsic, "not a float intrinsic"),
    };
}
