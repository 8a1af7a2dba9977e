using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// Builds one kernel body: a stack of statement scopes (a loop or an <c>if</c> body opens one),
/// fresh variable names, and a memo of the register values already computed for
/// (value, index) in the enclosing scopes, so a value read twice at one index is computed once.
/// </summary>
internal sealed class KernelBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Stack<List<Stmt>> _scopes = new();
    private readonly Stack<Dictionary<string, Expr>> _memo = new();

    public KernelBuilder()
    {
        _scopes.Push([]);
        _memo.Push(new Dictionary<string, Expr>(StringComparer.Ordinal));
    }

    /// <summary>A kernel IR name from <paramref name="hint"/>, distinct from every name handed out before.</summary>
    public string FreshName(string hint)
    {
        var chars = hint.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var baseName = chars.Length == 0 || char.IsAsciiDigit(chars[0]) ? "v" + new string(chars) : new string(chars);
        var name = baseName;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{baseName}_{i}";
        }

        return name;
    }

    public void Emit(Stmt statement) => _scopes.Peek().Add(statement);

    /// <summary>Declares a local initialised to <paramref name="init"/> and returns it.</summary>
    public Var Local(string hint, Expr init)
    {
        var variable = new Var(FreshName(hint), init.Type);
        Emit(new Declare(variable, init));
        return variable;
    }

    /// <summary>A local for a computed value; leaves, immediates, variables and loads stay inline.</summary>
    public Expr Bind(string hint, Expr value) =>
        value is IntImm or FloatImm or Var or Load or Cast { Value: Load } ? value : Local(hint, value);

    /// <summary>Runs <paramref name="body"/> in a new scope and returns its statements (a lone statement that declares nothing stands for itself).</summary>
    public Stmt Scoped(Action body)
    {
        _scopes.Push([]);
        _memo.Push(new Dictionary<string, Expr>(StringComparer.Ordinal));
        body();
        _memo.Pop();
        return Compact(_scopes.Pop());
    }

    /// <summary><c>for v in 0..extent { body(v) }</c>; an extent of 1 runs the body inline with v = 0.</summary>
    public void Loop(string hint, int extent, Action<Expr> body)
    {
        if (extent == 1)
        {
            body(KernelSyntax.I32(0));
            return;
        }

        var variable = KernelSyntax.I32Var(FreshName(hint));
        Emit(new For(variable, extent, Scoped(() => body(variable))));
    }

    /// <summary><c>if (condition) { body }</c>, or the body itself when the condition is the constant true.</summary>
    public void When(Expr? condition, Action body)
    {
        if (condition is null)
        {
            body();
            return;
        }

        Emit(new If(condition, Scoped(body)));
    }

    public bool TryRecall(string key, out Expr value)
    {
        foreach (var scope in _memo)
        {
            if (scope.TryGetValue(key, out value!))
            {
                return true;
            }
        }

        value = null!;
        return false;
    }

    public void Remember(string key, Expr value) => _memo.Peek()[key] = value;

    /// <summary>The top-level statements; call once, after every statement is emitted.</summary>
    public Stmt Finish()
    {
        System.Diagnostics.Debug.Assert(_scopes.Count == 1, "every scope is closed");
        return Compact(_scopes.Peek());
    }

    private static Stmt Compact(List<Stmt> statements) =>
        statements is [var single] && single is not Declare ? single : new Block([.. statements]);
}
