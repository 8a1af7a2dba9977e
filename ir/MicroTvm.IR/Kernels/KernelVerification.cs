using System.Globalization;
using Ids = MicroTvm.IR.Kernels.KernelDiagnosticIds;

namespace MicroTvm.IR.Kernels;

/// <summary>
/// One run of <see cref="KernelVerifier"/>: a walk over the body with the scope and the loop
/// ranges in hand. Each diagnostic is located by <paramref name="locate"/> at the statement being
/// checked (null: the kernel as a whole).
/// </summary>
internal sealed partial class KernelVerification(KernelFunction function, Func<Stmt?, SourceLocation?> locate)
{
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Dictionary<string, ScopeEntry> _visible = new(StringComparer.Ordinal);
    private readonly Stack<string> _declared = new();
    private readonly IntervalScope _intervals = new();
    private readonly Dictionary<string, KernelBuffer> _parameters = new(StringComparer.Ordinal);
    private Stmt? _statement;

    public ImmutableArray<Diagnostic> Run()
    {
        foreach (var parameter in function.Parameters)
        {
            if (!_parameters.TryAdd(parameter.Name, parameter))
            {
                Report(Ids.DuplicateParameter, $"buffer name '{parameter.Name}' is used by more than one parameter");
            }
        }

        VisitInNewScope(function.Body);
        return _diagnostics.ToImmutable();
    }

    private void Report(string id, string message) =>
        _diagnostics.Error(id, $"kernel '{function.Name}': {message}", locate(_statement));

    private void VisitInNewScope(Stmt statement)
    {
        var mark = _declared.Count;
        Visit(statement);
        while (_declared.Count > mark)
        {
            var name = _declared.Pop();
            _visible.Remove(name);
            _intervals.Remove(name);
        }
    }

    private void Visit(Stmt statement)
    {
        _statement = statement;
        switch (statement)
        {
            case Block block:
                var mark = _declared.Count;
                for (var i = 0; i < block.Statements.Length; i++)
                {
                    if (block.Statements[i] is Declare declare)
                    {
                        VisitDeclare(declare, block.Statements.AsSpan()[(i + 1)..]);
                    }
                    else
                    {
                        Visit(block.Statements[i]);
                    }
                }

                while (_declared.Count > mark)
                {
                    var name = _declared.Pop();
                    _visible.Remove(name);
                    _intervals.Remove(name);
                }

                break;
            case For loop:
                var declaredLoop = DeclareVariable(loop.Variable, isLoopVariable: true);
                if (declaredLoop)
                {
                    _intervals.Set(loop.Variable.Name, new Interval(0, loop.Extent - 1));
                }

                VisitInNewScope(loop.Body);
                if (declaredLoop)
                {
                    _visible.Remove(_declared.Pop());
                    _intervals.Remove(loop.Variable.Name);
                }

                break;
            case Store store:
                CheckAccess("store to", store.Buffer, store.Index);
                if (_parameters.TryGetValue(store.Buffer.Name, out var target) && target.Equals(store.Buffer) && !target.IsWritable)
                {
                    Report(Ids.StoreToReadOnlyBuffer, $"store to {Access(store.Buffer, store.Index)}: buffer '{target.Name}' is {RoleName(target.Role)} and read-only");
                }

                CheckExpression(store.Value);
                if (store.Value.Type != store.Buffer.ElementType)
                {
                    Report(Ids.StoreValueType, $"store to {Access(store.Buffer, store.Index)}: the value is {Mnemonic(store.Value)} but the buffer holds {store.Buffer.ElementType.Mnemonic()}");
                }

                break;
            case Declare declare:
                VisitDeclare(declare, []);
                break;
            case Assign assign:
                CheckVariable(assign.Variable, "assignment to");
                if (_visible.TryGetValue(assign.Variable.Name, out var entry) && entry.IsLoopVariable)
                {
                    Report(Ids.AssignToLoopVariable, $"loop variable '{assign.Variable.Name}' is assigned; loop variables are read-only");
                }

                CheckExpression(assign.Value);
                if (assign.Value.Type != assign.Variable.Type)
                {
                    Report(Ids.AssignmentType, $"'{assign.Variable.Name}' is {assign.Variable.Type.Mnemonic()} but is assigned {Mnemonic(assign.Value)} ({assign.Value})");
                }

                break;
            case If branch:
                CheckExpression(branch.Condition);
                RequireBool(branch.Condition, "if condition");
                VisitInNewScope(branch.Then);
                if (branch.Else is { } otherwise)
                {
                    VisitInNewScope(otherwise);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement.GetType().Name, "unknown statement");
        }
    }

    /// <summary>
    /// A local that is never assigned in <paramref name="rest"/> of its scope is a name for its
    /// initial value, so it takes the bounds of that value: lowering may name an index.
    /// </summary>
    private void VisitDeclare(Declare declare, ReadOnlySpan<Stmt> rest)
    {
        _statement = declare;
        var errorsBefore = _diagnostics.Items.Count;
        CheckExpression(declare.Init);
        if (declare.Init.Type != declare.Variable.Type)
        {
            Report(Ids.InitializerType, $"'{declare.Variable.Name}' is declared {declare.Variable.Type.Mnemonic()} but initialised with {Mnemonic(declare.Init)} ({declare.Init})");
        }

        var typed = _diagnostics.Items.Count == errorsBefore;
        if (DeclareVariable(declare.Variable, isLoopVariable: false) && typed && declare.Variable.Type.IsInteger() && !AnyAssigns(rest, declare.Variable.Name))
        {
            _intervals.Set(declare.Variable.Name, _intervals.Bounds(declare.Init));
        }
    }

    private static bool AnyAssigns(ReadOnlySpan<Stmt> statements, string name)
    {
        foreach (var statement in statements)
        {
            var assigns = statement switch
            {
                Assign assign => assign.Variable.Name == name,
                Block block => AnyAssigns(block.Statements.AsSpan(), name),
                For loop => AnyAssigns([loop.Body], name),
                If branch => AnyAssigns([branch.Then], name) || (branch.Else is { } otherwise && AnyAssigns([otherwise], name)),
                _ => false,
            };
            if (assigns)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Brings a variable into scope; false (after a diagnostic) when its name is taken.</summary>
    private bool DeclareVariable(Var variable, bool isLoopVariable)
    {
        if (_parameters.ContainsKey(variable.Name))
        {
            Report(Ids.VariableNamedLikeBuffer, $"variable '{variable.Name}' has the name of a buffer parameter");
            return false;
        }

        if (_visible.ContainsKey(variable.Name))
        {
            Report(Ids.Redeclaration, $"variable '{variable.Name}' is declared again while the earlier one is in scope");
            return false;
        }

        _visible[variable.Name] = new ScopeEntry(variable, isLoopVariable);
        _declared.Push(variable.Name);
        return true;
    }

    private void CheckVariable(Var variable, string use)
    {
        if (!_visible.TryGetValue(variable.Name, out var entry))
        {
            Report(Ids.UndeclaredVariable, $"{use} '{variable.Name}', which is not declared in this scope");
        }
        else if (entry.Variable.Type != variable.Type)
        {
            Report(Ids.VariableTypeMismatch, $"{use} '{variable.Name}' as {variable.Type.Mnemonic()}, but it is declared {entry.Variable.Type.Mnemonic()}");
        }
    }

    private void RequireBool(Expr condition, string what)
    {
        if (condition.Type != ElementType.Bool)
        {
            Report(Ids.ConditionNotBool, $"{what} {condition} is {Mnemonic(condition)}, not bool");
        }
    }

    private static string Mnemonic(Expr expression) => expression.Type.Mnemonic();

    private static string Access(KernelBuffer buffer, Expr index) => $"{buffer.Name}[{index}]";

    private static string RoleName(BufferRole role) => role.ToString().ToLower(CultureInfo.InvariantCulture);

    private readonly record struct ScopeEntry(Var Variable, bool IsLoopVariable);
}
