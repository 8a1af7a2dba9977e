using MicroTvm.IR.Kernels;

namespace MicroTvm.IR.Memory;

/// <summary>
/// Runs a kernel's control flow without its data to learn, for one input buffer, when each
/// element is read for the last time and, for one output buffer, when each element is first
/// written (times count accesses in program order; a store's reads come before its write).
/// Integers that follow from loop variables and immediates are computed; anything that depends
/// on buffer contents or floats is unknown. Under an unknown condition both branches are taken,
/// which only adds accesses and so keeps the result conservative. <c>target_has_dsp()</c> is not
/// unknown but a constant of the run, given to the trace: a kernel whose DSP and portable paths
/// both walk the whole buffers would otherwise look as if it read every input after writing every
/// output. An index of either buffer that is unknown, or a run longer than the budget, makes the trace fail.
/// </summary>
internal sealed class AccessTrace
{
    private readonly KernelBuffer _input;
    private readonly KernelBuffer _output;
    private readonly long _budget;
    private readonly Dictionary<string, long?> _variables = new(StringComparer.Ordinal);
    private long _time;

    private readonly bool _targetHasDsp;

    private AccessTrace(KernelBuffer input, KernelBuffer output, long budget, bool targetHasDsp)
    {
        _input = input;
        _output = output;
        _budget = budget;
        _targetHasDsp = targetHasDsp;
        LastRead = new long[input.Count];
        FirstWrite = new long[output.Count];
        Array.Fill(LastRead, -1);
        Array.Fill(FirstWrite, -1);
    }

    /// <summary>Per input element, the time of its last read; -1 if never read.</summary>
    public long[] LastRead { get; }

    /// <summary>Per output element, the time of its first write; -1 if never written.</summary>
    public long[] FirstWrite { get; }

    /// <summary>The trace of one run on a target with or without the DSP extension; null when it cannot tell.</summary>
    public static AccessTrace? Run(KernelFunction kernel, KernelBuffer input, KernelBuffer output, long budget, bool targetHasDsp)
    {
        var trace = new AccessTrace(input, output, budget, targetHasDsp);
        return trace.Execute(kernel.Body) ? trace : null;
    }

    private bool Execute(Stmt statement)
    {
        switch (statement)
        {
            case Block block:
                foreach (var inner in block.Statements)
                {
                    if (!Execute(inner))
                    {
                        return false;
                    }
                }

                return true;
            case For loop:
                for (var i = 0; i < loop.Extent; i++)
                {
                    _variables[loop.Variable.Name] = i;
                    if (!Execute(loop.Body))
                    {
                        return false;
                    }
                }

                return true;
            case Declare declare:
                return Define(declare.Variable, declare.Init);
            case Assign assign:
                return Define(assign.Variable, assign.Value);
            case Store store:
                return Store(store);
            case If branch:
                return Branch(branch);
            default:
                return false;
        }
    }

    private bool Define(Var variable, Expr value)
    {
        if (!Evaluate(value, out var result))
        {
            return false;
        }

        _variables[variable.Name] = result;
        return true;
    }

    private bool Store(Store store)
    {
        if (!Evaluate(store.Index, out var index) || !Evaluate(store.Value, out _))
        {
            return false;
        }

        if (store.Buffer.Name != _output.Name)
        {
            return true;
        }

        if (index is not { } element)
        {
            return false;
        }

        if (element >= 0 && element < FirstWrite.Length && FirstWrite[element] < 0)
        {
            FirstWrite[element] = _time;
        }

        return Tick();
    }

    private bool Branch(If branch)
    {
        if (!Evaluate(branch.Condition, out var condition))
        {
            return false;
        }

        if (condition is { } known)
        {
            return known != 0 ? Execute(branch.Then) : branch.Else is null || Execute(branch.Else);
        }

        var before = new Dictionary<string, long?>(_variables, StringComparer.Ordinal);
        if (!Execute(branch.Then))
        {
            return false;
        }

        var afterThen = new Dictionary<string, long?>(_variables, StringComparer.Ordinal);
        _variables.Clear();
        foreach (var (name, value) in before)
        {
            _variables[name] = value;
        }

        if (branch.Else is not null && !Execute(branch.Else))
        {
            return false;
        }

        foreach (var (name, value) in afterThen)
        {
            if (!_variables.TryGetValue(name, out var other) || other != value)
            {
                _variables[name] = null;
            }
        }

        return true;
    }

    private bool Tick() => ++_time <= _budget;

    private bool Evaluate(Expr expression, out long? value)
    {
        value = null;
        switch (expression)
        {
            case IntImm immediate:
                value = immediate.Value;
                return true;
            case FloatImm:
                return true;
            case Var variable:
                value = _variables.GetValueOrDefault(variable.Name);
                return true;
            case Load load:
                return Load(load);
            case Not not:
                if (!Evaluate(not.Operand, out var operand))
                {
                    return false;
                }

                value = operand is { } o ? (o == 0 ? 1 : 0) : null;
                return true;
            case Cast cast:
                if (!Evaluate(cast.Value, out var source))
                {
                    return false;
                }

                value = cast.Value.Type == ElementType.F32 || cast.TargetType == ElementType.F32 ? null : Wrap(source, cast.TargetType);
                return true;
            case Saturate saturate:
                if (!Evaluate(saturate.Value, out var wide))
                {
                    return false;
                }

                value = wide is { } w ? Math.Clamp(w, saturate.TargetType.MinValue(), saturate.TargetType.MaxValue()) : null;
                return true;
            case Select select:
                return Select(select, out value);
            case Binary binary:
                return Binary(binary, out value);
            case Call { Intrinsic: Intrinsic.TargetHasDsp }:
                value = _targetHasDsp ? 1 : 0;
                return true;
            case Call call:
                foreach (var argument in call.Arguments)
                {
                    if (!Evaluate(argument, out _))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private bool Load(Load load)
    {
        if (!Evaluate(load.Index, out var index))
        {
            return false;
        }

        if (load.Buffer.Name != _input.Name)
        {
            return true;
        }

        if (index is not { } element)
        {
            return false;
        }

        if (element >= 0 && element < LastRead.Length)
        {
            LastRead[element] = _time;
        }

        return Tick();
    }

    private bool Select(Select select, out long? value)
    {
        value = null;
        if (!Evaluate(select.Condition, out var condition))
        {
            return false;
        }

        if (condition is { } known)
        {
            return Evaluate(known != 0 ? select.IfTrue : select.IfFalse, out value);
        }

        return Evaluate(select.IfTrue, out _) && Evaluate(select.IfFalse, out _);
    }

    private bool Binary(Binary binary, out long? value)
    {
        value = null;
        if (!Evaluate(binary.Left, out var left))
        {
            return false;
        }

        // C evaluates the right operand of && and || only when the left does not decide.
        if (binary.Op is BinaryOp.And or BinaryOp.Or && left is { } decided && (decided != 0) == (binary.Op == BinaryOp.Or))
        {
            value = decided != 0 ? 1 : 0;
            return true;
        }

        if (!Evaluate(binary.Right, out var right))
        {
            return false;
        }

        if (left is not { } a || right is not { } b || binary.Left.Type == ElementType.F32)
        {
            return true;
        }

        value = binary.Op switch
        {
            BinaryOp.Add => Wrap(a + b, binary.Type),
            BinaryOp.Sub => Wrap(a - b, binary.Type),
            BinaryOp.Mul => Wrap(a * b, binary.Type),
            BinaryOp.Div => b == 0 ? null : Wrap(a / b, binary.Type),
            BinaryOp.Rem => b == 0 ? null : Wrap(a % b, binary.Type),
            BinaryOp.Min => Math.Min(a, b),
            BinaryOp.Max => Math.Max(a, b),
            BinaryOp.Shl => b is < 0 or > 63 ? null : Wrap(a << (int)b, binary.Type),
            BinaryOp.Shr => b is < 0 or > 63 ? null : a >> (int)b,
            BinaryOp.BitAnd => a & b,
            BinaryOp.BitOr => a | b,
            BinaryOp.BitXor => a ^ b,
            BinaryOp.Eq => a == b ? 1 : 0,
            BinaryOp.Ne => a != b ? 1 : 0,
            BinaryOp.Lt => a < b ? 1 : 0,
            BinaryOp.Le => a <= b ? 1 : 0,
            BinaryOp.Gt => a > b ? 1 : 0,
            BinaryOp.Ge => a >= b ? 1 : 0,
            BinaryOp.And => a != 0 && b != 0 ? 1 : 0,
            BinaryOp.Or => a != 0 || b != 0 ? 1 : 0,
            _ => null,
        };
        return true;
    }

    private static long? Wrap(long? value, ElementType type) => value is not { } v ? null : type switch
    {
        ElementType.Bool => v != 0 ? 1 : 0,
        ElementType.I8 => (sbyte)v,
        ElementType.U8 => (byte)v,
        ElementType.I16 => (short)v,
        ElementType.I32 => (int)v,
        ElementType.I64 => v,
        _ => null,
    };
}
