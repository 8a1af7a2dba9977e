using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes;

/// <summary>
/// One simplification walk over one kernel (see <see cref="SimplifyPass"/>), statements here and
/// expressions in <c>KernelSimplifier.Expressions.cs</c>. It keeps what the verifier keeps while
/// walking: the range of every loop variable and of every integer local that is never assigned
/// (its initial value's bounds), which is what the interval-based rules may assume, and the
/// nesting order of the loops, which orders the terms of canonical sums.
/// </summary>
internal sealed partial class KernelSimplifier : KernelRewriter
{
    private readonly SimplifyPass _pass;
    private readonly HashSet<string> _assigned;
    private readonly IntervalScope _intervals = new();
    private readonly Dictionary<string, int> _loopOrder = new(StringComparer.Ordinal);
    private readonly LinearSum _sum = new();
    private readonly Func<Expr, int> _rank;
    private readonly Func<Expr, Interval> _bounds;
    private readonly Func<Expr, bool> _shift;
    private static readonly Block Empty = new([]);

    private KernelSimplifier(SimplifyPass pass, KernelFunction kernel)
    {
        _pass = pass;
        _assigned = KernelFacts.AssignedVariables(kernel.Body);
        _rank = Rank;
        _bounds = Bounds;
        _shift = _ => pass.ShiftMultiplies;
    }

    /// <summary>One walk; the same instance when nothing changed.</summary>
    public static KernelFunction Run(SimplifyPass pass, KernelFunction kernel)
    {
        var body = new KernelSimplifier(pass, kernel).RewriteScope(kernel.Body);
        return ReferenceEquals(body, kernel.Body) ? kernel : new KernelFunction(kernel.Name, kernel.Parameters, body);
    }

    private static bool IsEmpty(Stmt statement) => statement is Block { Statements.IsEmpty: true };

    /// <summary>Rewrites a statement that is a scope of its own (a loop body, a branch, the kernel body).</summary>
    private Stmt RewriteScope(Stmt statement) => statement switch
    {
        // A lone declaration is dead: its scope ends with it.
        Declare => Removed(Empty),
        _ => Rewrite(statement),
    };

    private Stmt Removed(Stmt replacement)
    {
        _pass.NumDeadRemoved.Increment();
        return replacement;
    }

    private void Enter(Var variable, Interval? range, bool isLoopVariable = false)
    {
        if (isLoopVariable)
        {
            _loopOrder[variable.Name] = _loopOrder.Count;
        }

        if (range is { } known)
        {
            _intervals.Set(variable.Name, known);
        }
    }

    private void Leave(Var variable)
    {
        _loopOrder.Remove(variable.Name);
        _intervals.Remove(variable.Name);
    }

    protected override Stmt RewriteDeclare(Declare declare) => RewriteScope(declare);

    protected override Stmt RewriteBlock(Block block)
    {
        var statements = new List<Stmt>(block.Statements.Length);
        var declared = new List<Var>();
        foreach (var statement in block.Statements)
        {
            if (statement is Declare declare)
            {
                var init = Rewrite(declare.Init);
                var range = declare.Variable.Type.IsInteger() && !_assigned.Contains(declare.Variable.Name)
                    ? _intervals.Bounds(init)
                    : (Interval?)null;
                Enter(declare.Variable, range);
                declared.Add(declare.Variable);
                statements.Add(ReferenceEquals(init, declare.Init) ? declare : new Declare(declare.Variable, init));
                continue;
            }

            Splice(statements, Rewrite(statement));
        }

        foreach (var variable in declared)
        {
            Leave(variable);
        }

        RemoveDeadLocals(statements);
        if (statements.Count == 1 && statements[0] is not Declare)
        {
            // A block of one statement is no scope worth keeping: {S} is S.
            return statements[0];
        }

        return statements.Count == block.Statements.Length && statements.Select((s, i) => ReferenceEquals(s, block.Statements[i])).All(same => same)
            ? block
            : new Block([.. statements]);
    }

    /// <summary>
    /// Adds a rewritten statement to a block: an empty block disappears, a nested block without
    /// declarations of its own is flattened into the outer one (one that declares keeps its scope).
    /// </summary>
    private void Splice(List<Stmt> statements, Stmt statement)
    {
        if (IsEmpty(statement))
        {
            return;
        }

        if (statement is Block nested && !nested.Statements.Any(s => s is Declare))
        {
            statements.AddRange(nested.Statements);
            return;
        }

        statements.Add(statement);
    }

    /// <summary>
    /// Removes every local of this block that nothing after its declaration reads, together with
    /// its assignments (expressions have no side effects). Last first, so that a local read only
    /// by a dead one dies in the same walk. What each statement reads is found once per block and
    /// again only for the statements a removal rewrites.
    /// </summary>
    private void RemoveDeadLocals(List<Stmt> statements)
    {
        List<HashSet<string>>? reads = null;
        for (var i = statements.Count - 1; i >= 0; i--)
        {
            if (statements[i] is not Declare declare)
            {
                continue;
            }

            reads ??= statements.ConvertAll(ReadNames);
            var name = declare.Variable.Name;
            var read = false;
            for (var j = i + 1; j < statements.Count && !read; j++)
            {
                read = reads[j].Contains(name);
            }

            if (read)
            {
                continue;
            }

            statements.RemoveAt(i);
            reads.RemoveAt(i);
            _pass.NumDeadRemoved.Increment();
            var removal = new AssignmentRemoval(name);
            for (var j = i; j < statements.Count; j++)
            {
                var rewritten = removal.Rewrite(statements[j]);
                if (!ReferenceEquals(rewritten, statements[j]))
                {
                    statements[j] = rewritten;
                    reads[j] = ReadNames(rewritten);
                }
            }

            _pass.NumDeadRemoved.Add(removal.Removed);
            for (var j = statements.Count - 1; j >= 0; j--)
            {
                if (IsEmpty(statements[j]))
                {
                    statements.RemoveAt(j);
                    reads.RemoveAt(j);
                }
            }
        }
    }

    /// <summary>The variables a statement reads, where an assignment's reads of its own target (acc = acc + x) do not count.</summary>
    private static HashSet<string> ReadNames(Stmt statement)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nested in KernelTraversal.Statements(statement))
        {
            var target = nested is Assign assign ? assign.Variable.Name : null;
            foreach (var expression in KernelTraversal.OwnExpressions(nested))
            {
                foreach (var node in KernelTraversal.Subexpressions(expression))
                {
                    if (node is Var variable && variable.Name != target)
                    {
                        names.Add(variable.Name);
                    }
                }
            }
        }

        return names;
    }

    protected override Stmt RewriteFor(For loop)
    {
        if (loop.Extent == 1)
        {
            _pass.NumLoopsRemoved.Increment();
            return RewriteScope(VariableSubstitution.Substitute(loop.Body, loop.Variable, new IntImm(0, ElementType.I32)));
        }

        Enter(loop.Variable, new Interval(0, loop.Extent - 1), isLoopVariable: true);
        var body = RewriteScope(loop.Body);
        Leave(loop.Variable);
        if (IsEmpty(body))
        {
            return Removed(Empty);
        }

        return ReferenceEquals(body, loop.Body) ? loop : new For(loop.Variable, loop.Extent, body, loop.Unroll);
    }

    protected override Stmt RewriteIf(If branch)
    {
        var condition = Rewrite(branch.Condition);
        if (condition is IntImm known)
        {
            _pass.NumBranchesFolded.Increment();
            var taken = known.Value != 0 ? branch.Then : branch.Else;
            return taken is null ? Empty : RewriteScope(taken);
        }

        var then = RewriteScope(branch.Then);
        var otherwise = branch.Else is null ? null : RewriteScope(branch.Else);
        if (otherwise is not null && IsEmpty(otherwise))
        {
            otherwise = null;
        }

        if (IsEmpty(then))
        {
            if (otherwise is null)
            {
                return Removed(Empty);
            }

            _pass.NumIdentities.Increment();
            return new If(Simplify(new Not(condition)), otherwise);
        }

        return ReferenceEquals(condition, branch.Condition) && ReferenceEquals(then, branch.Then) && ReferenceEquals(otherwise, branch.Else)
            ? branch
            : new If(condition, then, otherwise);
    }

    /// <summary>Drops every assignment to one (dead) local.</summary>
    private sealed class AssignmentRemoval(string name) : KernelRewriter
    {
        public int Removed { get; private set; }

        protected override Stmt RewriteAssign(Assign assign)
        {
            if (assign.Variable.Name != name)
            {
                return assign;
            }

            Removed++;
            return Empty;
        }

        protected override Stmt RewriteBlock(Block block)
        {
            var rewritten = base.RewriteBlock(block);
            return rewritten is Block result && !ReferenceEquals(result, block)
                ? new Block([.. result.Statements.Where(s => !IsEmpty(s))])
                : rewritten;
        }
    }
}
