using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.KernelRewriting;

/// <summary>
/// Replaces reads of variables by expressions (a loop variable by its value when a loop is
/// unrolled or removed) and renames declared locals together with every read and assignment of
/// them. Since the verifier forbids shadowing, a name in scope means one variable, so names are
/// replaced wherever they occur in the statement rewritten.
/// </summary>
public sealed class VariableSubstitution(IReadOnlyDictionary<string, Expr> values, IReadOnlyDictionary<string, Var>? renames = null) : KernelRewriter
{
    private readonly IReadOnlyDictionary<string, Var> _renames = renames ?? new Dictionary<string, Var>(StringComparer.Ordinal);

    public static Stmt Substitute(Stmt statement, Var variable, Expr value) =>
        new VariableSubstitution(new Dictionary<string, Expr>(StringComparer.Ordinal) { [variable.Name] = value }).Rewrite(statement);

    protected override Expr RewriteVar(Var variable) =>
        values.TryGetValue(variable.Name, out var value) ? value
        : _renames.TryGetValue(variable.Name, out var renamed) ? renamed
        : variable;

    protected override Stmt RewriteDeclare(Declare declare)
    {
        var init = Rewrite(declare.Init);
        var variable = _renames.GetValueOrDefault(declare.Variable.Name, declare.Variable);
        return ReferenceEquals(init, declare.Init) && ReferenceEquals(variable, declare.Variable) ? declare : new Declare(variable, init);
    }

    protected override Stmt RewriteAssign(Assign assign)
    {
        var value = Rewrite(assign.Value);
        var variable = _renames.GetValueOrDefault(assign.Variable.Name, assign.Variable);
        return ReferenceEquals(value, assign.Value) && ReferenceEquals(variable, assign.Variable) ? assign : new Assign(variable, value);
    }
}
