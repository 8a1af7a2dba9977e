using System.Globalization;
using System.Text;
using MicroTvm.IR.Text;

namespace MicroTvm.IR.Kernels;

/// <summary>
/// Renders kernel IR as readable text for dumps, diagnostics, golden tests and the kernels of a
/// <c>.mir</c> module, which <see cref="ModuleParser"/> reads back to an equal kernel. The format
/// is stable: two-space indentation, one statement per line, C-like infix expressions.
/// <code>
/// kernel @dense(in x: i8[32], const w: i8[96] align 16, out y: i32[3]) {
///   for u in 0..3 {
///     var acc: i32 = 0
///     for i in 0..32 unroll {
///       acc = acc + cast&lt;i32&gt;(x[i]) * cast&lt;i32&gt;(w[u * 32 + i])
///     }
///     y[u] = acc
///   }
/// }
/// </code>
/// </summary>
public static class KernelPrinter
{
    public static string Print(KernelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var text = new StringBuilder();
        text.Append("kernel ").Append(TextLiterals.GraphName(function.Name)).Append('(');
        for (var i = 0; i < function.Parameters.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(Print(function.Parameters[i]));
        }

        text.Append(") {\n");
        PrintBody(text, function.Body, 1);
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary><c>in x: i8[16]</c>, with <c> align N</c> when the alignment exceeds the element size.</summary>
    public static string Print(KernelBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var role = buffer.Role switch
        {
            BufferRole.Input => "in",
            BufferRole.Output => "out",
            BufferRole.Constant => "const",
            _ => "workspace",
        };
        var align = buffer.Alignment == buffer.ElementType.ByteSize() ? string.Empty : $" align {buffer.Alignment}";
        return $"{role} {TextLiterals.KernelName(buffer.Name)}: {buffer.ElementType.Mnemonic()}[{buffer.Count}]{align}";
    }

    public static string Print(Stmt statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var text = new StringBuilder();
        PrintStatement(text, statement, 0);
        return text.ToString().TrimEnd('\n');
    }

    public static string Print(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = new StringBuilder();
        PrintExpression(text, expression);
        return text.ToString();
    }

    /// <summary>i32 and f32 immediates print bare (<c>5</c>, <c>1.5</c>); other types carry a suffix (<c>5:i8</c>).</summary>
    public static string FormatImmediate(IntImm immediate)
    {
        ArgumentNullException.ThrowIfNull(immediate);
        return immediate.Type switch
        {
            ElementType.Bool => immediate.Value != 0 ? "true" : "false",
            ElementType.I32 => immediate.Value.ToString(CultureInfo.InvariantCulture),
            _ => $"{immediate.Value.ToString(CultureInfo.InvariantCulture)}:{immediate.Type.Mnemonic()}",
        };
    }

    /// <summary>
    /// The shortest text that reads back as the same f32, always with a '.' or an exponent;
    /// inf, -inf, nan for <see cref="float.NaN"/> and <c>nan(0x7fc00001)</c> for any other NaN.
    /// </summary>
    public static string FormatFloat(float value) => TextLiterals.Single(value);

    /// <summary>
    /// The statements of a braced body: a block's own, or the one statement that is the body. A
    /// block of exactly one statement keeps its braces, so that it reads back as a block.
    /// </summary>
    private static void PrintBody(StringBuilder text, Stmt body, int depth)
    {
        if (body is Block { Statements.Length: not 1 } block)
        {
            foreach (var statement in block.Statements)
            {
                PrintStatement(text, statement, depth);
            }
        }
        else
        {
            PrintStatement(text, body, depth);
        }
    }

    private static void PrintStatement(StringBuilder text, Stmt statement, int depth)
    {
        text.Append(' ', 2 * depth);
        switch (statement)
        {
            case For loop:
                text.Append("for ").Append(TextLiterals.KernelName(loop.Variable.Name)).Append(" in 0..").Append(loop.Extent)
                    .Append(loop.Unroll ? " unroll {\n" : " {\n");
                PrintBody(text, loop.Body, depth + 1);
                text.Append(' ', 2 * depth).Append("}\n");
                break;
            case Block block:
                text.Append("{\n");
                foreach (var inner in block.Statements)
                {
                    PrintStatement(text, inner, depth + 1);
                }

                text.Append(' ', 2 * depth).Append("}\n");
                break;
            case Store store:
                text.Append(TextLiterals.KernelName(store.Buffer.Name)).Append('[');
                PrintExpression(text, store.Index);
                text.Append("] = ");
                PrintExpression(text, store.Value);
                text.Append('\n');
                break;
            case Declare declare:
                text.Append("var ").Append(TextLiterals.KernelName(declare.Variable.Name)).Append(": ").Append(declare.Variable.Type.Mnemonic()).Append(" = ");
                PrintExpression(text, declare.Init);
                text.Append('\n');
                break;
            case Assign assign:
                text.Append(TextLiterals.KernelName(assign.Variable.Name)).Append(" = ");
                PrintExpression(text, assign.Value);
                text.Append('\n');
                break;
            case If branch:
                text.Append("if ");
                PrintExpression(text, branch.Condition);
                text.Append(" {\n");
                PrintBody(text, branch.Then, depth + 1);
                if (branch.Else is { } otherwise)
                {
                    text.Append(' ', 2 * depth).Append("} else {\n");
                    PrintBody(text, otherwise, depth + 1);
                }

                text.Append(' ', 2 * depth).Append("}\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement.GetType().Name, "unknown statement");
        }
    }

    private static void PrintExpression(StringBuilder text, Expr expression)
    {
        switch (expression)
        {
            case IntImm immediate:
                text.Append(FormatImmediate(immediate));
                break;
            case FloatImm immediate:
                text.Append(FormatFloat(immediate.Value));
                break;
            case Var variable:
                text.Append(TextLiterals.KernelName(variable.Name));
                break;
            case Load load:
                text.Append(TextLiterals.KernelName(load.Buffer.Name)).Append('[');
                PrintExpression(text, load.Index);
                text.Append(']');
                break;
            case Binary { Op: BinaryOp.Min or BinaryOp.Max } binary:
                PrintCall(text, binary.Op.Symbol(), string.Empty, [binary.Left, binary.Right]);
                break;
            case Binary binary:
                PrintOperand(text, binary.Op, binary.Left, isRightOperand: false);
                text.Append(' ').Append(binary.Op.Symbol()).Append(' ');
                PrintOperand(text, binary.Op, binary.Right, isRightOperand: true);
                break;
            case Not not:
                text.Append('!');
                PrintParenthesisedIf(text, not.Operand, not.Operand is Binary { Op: not (BinaryOp.Min or BinaryOp.Max) });
                break;
            case Cast cast:
                PrintCall(text, "cast", $"<{cast.TargetType.Mnemonic()}>", [cast.Value]);
                break;
            case Saturate saturate:
                PrintCall(text, "saturate", $"<{saturate.TargetType.Mnemonic()}>", [saturate.Value]);
                break;
            case Select select:
                PrintCall(text, "select", string.Empty, [select.Condition, select.IfTrue, select.IfFalse]);
                break;
            case Call call:
                PrintCall(text, call.Intrinsic.Mnemonic(), string.Empty, call.Arguments);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression");
        }
    }

    private static void PrintOperand(StringBuilder text, BinaryOp parent, Expr operand, bool isRightOperand)
    {
        var parenthesise = operand switch
        {
            Binary binary => parent.OperandNeedsParentheses(binary.Op, isRightOperand),
            IntImm immediate => isRightOperand && immediate.Value < 0,
            FloatImm immediate => isRightOperand && float.IsNegative(immediate.Value) && !float.IsNaN(immediate.Value),
            _ => false,
        };
        PrintParenthesisedIf(text, operand, parenthesise);
    }

    private static void PrintParenthesisedIf(StringBuilder text, Expr expression, bool parenthesise)
    {
        text.Append(parenthesise ? "(" : string.Empty);
        PrintExpression(text, expression);
        text.Append(parenthesise ? ")" : string.Empty);
    }

    private static void PrintCall(StringBuilder text, string name, string typeArgument, ImmutableArray<Expr> arguments)
    {
        text.Append(name).Append(typeArgument).Append('(');
        for (var i = 0; i < arguments.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ");
            PrintExpression(text, arguments[i]);
        }

        text.Append(')');
    }
}
