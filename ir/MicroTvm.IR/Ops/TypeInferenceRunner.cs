using MicroTvm.IR.Verification;

namespace MicroTvm.IR;

/// <summary>
/// Runs a node's type inference safely: operand arity and attributes are checked first (an
/// inference function may assume them), operand types are looked up by name, and every problem
/// comes back as a message instead of an exception. The verifier and <c>infer-types</c> share it.
/// </summary>
public static class TypeInferenceRunner
{
    /// <summary>
    /// The result types inference yields for <paramref name="node"/>, or default with
    /// <paramref name="errors"/> saying why. <paramref name="typeOf"/> returns null for unknown values.
    /// </summary>
    public static ImmutableArray<TensorType> InferResultTypes(Node node, Func<string, TensorType?> typeOf, out ImmutableArray<string> errors)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(typeOf);
        var messages = new List<string>();
        var operandTypes = ImmutableArray.CreateBuilder<TensorType?>(node.Operands.Length);
        foreach (var operand in node.Operands)
        {
            var type = operand.Length == 0 ? null : typeOf(operand);
            if (operand.Length > 0 && type is null)
            {
                messages.Add($"operand '%{operand}' is not defined");
            }

            operandTypes.Add(type);
        }

        if (messages.Count > 0)
        {
            errors = [.. messages];
            return default;
        }

        return Infer(node, operandTypes.MoveToImmutable(), out errors);
    }

    /// <summary>Inference over already resolved operand types (null where an optional operand is absent).</summary>
    internal static ImmutableArray<TensorType> Infer(Node node, ImmutableArray<TensorType?> operandTypes, out ImmutableArray<string> errors)
    {
        var problems = OperandArityRules.Check(node).Concat(AttributeRules.Check(node)).Select(p => p.Message).ToImmutableArray();
        if (problems.Length > 0)
        {
            errors = problems;
            return default;
        }

        var context = new InferenceContext(node, operandTypes);
        var results = node.Op.InferTypes(context);
        if (context.HasErrors)
        {
            errors = [.. context.Errors];
            return default;
        }

        errors = results.IsDefault ? [$"type inference of '{node.Op.Name}' failed without saying why"] : [];
        return results;
    }
}
