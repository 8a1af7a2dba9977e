using Ids = MicroTvm.IR.Kernels.KernelDiagnosticIds;

namespace MicroTvm.IR.Kernels;

/// <summary>Typing of expressions and the bounds check of loads and stores.</summary>
internal sealed partial class KernelVerification
{
    private void CheckExpression(Expr expression)
    {
        switch (expression)
        {
            case IntImm or FloatImm:
                break;
            case Var variable:
                CheckVariable(variable, "use of");
                break;
            case Load load:
                CheckAccess("load of", load.Buffer, load.Index);
                break;
            case Binary binary:
                CheckExpression(binary.Left);
                CheckExpression(binary.Right);
                if (binary.Left.Type != binary.Right.Type)
                {
                    Report(Ids.OperandTypeMismatch, $"operands of '{binary.Op.Symbol()}' in {binary} have different types, {Mnemonic(binary.Left)} and {Mnemonic(binary.Right)} (casts are explicit)");
                }
                else if (!binary.Op.Accepts(binary.Left.Type))
                {
                    Report(Ids.OperatorType, $"'{binary.Op.Symbol()}' is not defined on {Mnemonic(binary.Left)} operands in {binary}");
                }

                break;
            case Not not:
                CheckExpression(not.Operand);
                if (not.Operand.Type != ElementType.Bool)
                {
                    Report(Ids.OperatorType, $"'!' is not defined on {Mnemonic(not.Operand)} operands in {not}");
                }

                break;
            case Cast cast:
                CheckExpression(cast.Value);
                break;
            case Select select:
                CheckExpression(select.Condition);
                CheckExpression(select.IfTrue);
                CheckExpression(select.IfFalse);
                RequireBool(select.Condition, "select condition");
                if (select.IfTrue.Type != select.IfFalse.Type)
                {
                    Report(Ids.SelectArmMismatch, $"the arms of {select} have different types, {Mnemonic(select.IfTrue)} and {Mnemonic(select.IfFalse)}");
                }

                break;
            case Saturate saturate:
                CheckExpression(saturate.Value);
                if (saturate.Value.Type is not (ElementType.I32 or ElementType.I64) || !saturate.TargetType.IsInteger())
                {
                    Report(Ids.SaturateType, $"{saturate} saturates {Mnemonic(saturate.Value)} to {saturate.TargetType.Mnemonic()}; it takes i32 or i64 to an integer type");
                }

                break;
            case Call call:
                foreach (var argument in call.Arguments)
                {
                    CheckExpression(argument);
                }

                CheckCall(call);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression");
        }
    }

    private void CheckCall(Call call)
    {
        var parameters = call.Intrinsic.Parameters();
        if (call.Arguments.Length != parameters.Length)
        {
            Report(Ids.IntrinsicArity, $"{call.Intrinsic.Mnemonic()} takes {parameters.Length} argument(s) but {call} has {call.Arguments.Length}");
            return;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!parameters[i].Contains(call.Arguments[i].Type))
            {
                var expected = string.Join(" or ", parameters[i].Select(t => t.Mnemonic()));
                Report(Ids.IntrinsicArgumentType, $"argument {i + 1} of {call} is {Mnemonic(call.Arguments[i])}, expected {expected}");
            }
        }
    }

    private void CheckAccess(string what, KernelBuffer buffer, Expr index)
    {
        var errorsBefore = _diagnostics.Items.Count;
        CheckExpression(index);
        if (!_parameters.TryGetValue(buffer.Name, out var parameter))
        {
            Report(Ids.UnknownBuffer, $"{what} {Access(buffer, index)}: '{buffer.Name}' is not a parameter of the kernel");
        }
        else if (!parameter.Equals(buffer))
        {
            Report(Ids.UnknownBuffer, $"{what} {Access(buffer, index)}: the buffer is '{KernelPrinter.Print(buffer)}' but the parameter is '{KernelPrinter.Print(parameter)}'");
        }

        if (index.Type != ElementType.I32)
        {
            Report(Ids.IndexNotI32, $"{what} {Access(buffer, index)}: the index is {Mnemonic(index)}, not i32");
            return;
        }

        if (_diagnostics.Items.Count != errorsBefore)
        {
            return;
        }

        var range = _intervals.Bounds(index);
        if (!range.IsWithin(new Interval(0, buffer.Count - 1)))
        {
            Report(Ids.IndexOutOfBounds, $"{what} {Access(buffer, index)}: the index ranges over {range} but buffer '{buffer.Name}' has {buffer.Count} element(s)");
        }
    }
}
