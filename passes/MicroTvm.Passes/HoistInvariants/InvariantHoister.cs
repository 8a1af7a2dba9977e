using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes;

/// <summary>
/// One run of <see cref="HoistInvariantsPass"/> over one kernel: a walk with the enclosing loops
/// (<see cref="LoopFrame"/>), the loop depth at which each variable in scope was declared, the
/// depth of the innermost enclosing <c>if</c>, and the verifier's ranges (loop variables, locals
/// never assigned) for deciding whether an operation could be undefined.
/// </summary>
internal sealed class InvariantHoister(HoistInvariantsPass pass, KernelFunction kernel) : KernelRewriter
{
    private readonly NameSupply _names = new(kernel);
    private readonly HashSet<string> _assignedAnywhere = KernelFacts.AssignedVariables(kernel.Body);
    private readonly List<LoopFrame> _frames = [];
    private readonly Dictionary<string, int> _declaredAt = new(StringComparer.Ordinal);
    private readonly IntervalScope _intervals = new();
    private readonly Stack<string> _scope = new();

    /// <summary>Blocks made of hoisted declarations and their loop; the names are fresh, so they may be spliced into the enclosing block.</summary>
    private readonly HashSet<Block> _hoistBlocks = new(ReferenceEqualityComparer.Instance);

    /// <summary>Loop depth of the innermost enclosing if (0: none inside any loop).</summary>
    private int _guardDepth;

    public Stmt Run() => InScope(() => Rewrite(kernel.Body));

    private Stmt InScope(Func<Stmt> rewrite)
    {
        var mark = _scope.Count;
        var result = rewrite();
        while (_scope.Count > mark)
        {
            var name = _scope.Pop();
            _declaredAt.Remove(name);
            _intervals.Remove(name);
        }

        return result;
    }

    private void Declare(Var variable, Interval? range)
    {
        _declaredAt[variable.Name] = _frames.Count;
        if (range is { } known)
        {
            _intervals.Set(variable.Name, known);
        }

        _scope.Push(variable.Name);
    }

    protected override Stmt RewriteBlock(Block block)
    {
        var rewritten = InScope(() => base.RewriteBlock(block));
        if (rewritten is not Block result || !result.Statements.Any(_hoistBlocks.Contains))
        {
            return rewritten;
        }

        return new Block([.. result.Statements.SelectMany(s => s is Block hoisted && _hoistBlocks.Contains(hoisted) ? hoisted.Statements : (IEnumerable<Stmt>)[s])]);
    }

    protected override Stmt RewriteDeclare(Declare declare)
    {
        var init = Rewrite(declare.Init);
        var variable = declare.Variable;
        Declare(variable, variable.Type.IsInteger() && !_assignedAnywhere.Contains(variable.Name) ? _intervals.Bounds(init) : null);
        return ReferenceEquals(init, declare.Init) ? declare : new Declare(variable, init);
    }

    protected override Stmt RewriteIf(If branch)
    {
        var condition = Rewrite(branch.Condition);
        var outerGuard = _guardDepth;
        _guardDepth = _frames.Count;
        var then = InScope(() => Rewrite(branch.Then));
        var otherwise = branch.Else is null ? null : InScope(() => Rewrite(branch.Else));
        _guardDepth = outerGuard;
        return ReferenceEquals(condition, branch.Condition) && ReferenceEquals(then, branch.Then) && ReferenceEquals(otherwise, branch.Else)
            ? branch
            : new If(condition, then, otherwise);
    }

    protected override Stmt RewriteFor(For loop)
    {
        var frame = new LoopFrame(KernelFacts.AssignedVariables(loop.Body), KernelFacts.StoredBuffers(loop.Body));
        _frames.Add(frame);
        var body = InScope(() =>
        {
            Declare(loop.Variable, new Interval(0, loop.Extent - 1));
            return Rewrite(loop.Body);
        });
        _frames.RemoveAt(_frames.Count - 1);
        Stmt result = ReferenceEquals(body, loop.Body) ? loop : new For(loop.Variable, loop.Extent, body, loop.Unroll);
        if (frame.Hoisted.Count == 0)
        {
            return result;
        }

        var block = new Block([.. frame.Hoisted, result]);
        _hoistBlocks.Add(block);
        return block;
    }

    /// <summary>A root expression of a statement: hoisted as a whole or in parts.</summary>
    public override Expr Rewrite(Expr expression)
    {
        var root = Visit(expression);
        return Hoist(root);
    }

    /// <summary>An expression rewritten with its hoistable parts replaced, and where it could go.</summary>
    private readonly record struct Candidate(Expr Expression, int Level, bool MayBeUndefined, bool Worthwhile)
    {
        /// <summary>Loop depth before which it could be computed: its level, and inside the innermost if when it could be undefined.</summary>
        public int Target(int guardDepth) => MayBeUndefined ? Math.Max(Level, guardDepth) : Level;
    }

    private Candidate Visit(Expr expression)
    {
        switch (expression)
        {
            case IntImm or FloatImm:
                return new Candidate(expression, 0, false, false);
            case Var variable:
                return new Candidate(expression, VariableLevel(variable), false, false);
            case Load load:
                var index = Visit(load.Index);
                var loadLevel = Math.Max(index.Level, BufferLevel(load.Buffer));
                var rebuiltLoad = Child(index, loadLevel, true) is var i && ReferenceEquals(i, load.Index) ? load : new Load(load.Buffer, i);
                return new Candidate(rebuiltLoad, loadLevel, true, true);
        }

        var operands = Children(expression);
        var children = new Candidate[operands.Count];
        var visited = new Expr[operands.Count];
        var (level, operandMayBeUndefined) = (0, false);
        for (var n = 0; n < children.Length; n++)
        {
            children[n] = Visit(operands[n]);
            visited[n] = children[n].Expression;
            level = Math.Max(level, children[n].Level);
            operandMayBeUndefined |= children[n].MayBeUndefined;
        }

        var rebuilt = Rebuild(expression, visited);
        var undefined = operandMayBeUndefined || Speculation.MayBeUndefined(rebuilt, _intervals);
        var worthwhile = expression switch
        {
            Cast cast when cast.Value.Type != ElementType.F32 && cast.TargetType != ElementType.F32 => children[0].Worthwhile,
            Not => children[0].Worthwhile,
            _ => true,
        };

        // Hoist on its own each operand that can go further out than this node can.
        var parts = new Expr[children.Length];
        var hoistedAny = false;
        for (var n = 0; n < children.Length; n++)
        {
            parts[n] = Child(children[n], level, undefined);
            hoistedAny |= !ReferenceEquals(parts[n], children[n].Expression);
        }

        var result = hoistedAny ? Rebuild(expression, parts) : rebuilt;
        return new Candidate(result, level, undefined, worthwhile);
    }

    /// <summary>The operand as its parent (of that level and definedness) will use it: hoisted when it can go further out.</summary>
    private Expr Child(Candidate child, int parentLevel, bool parentMayBeUndefined)
    {
        var parentTarget = parentMayBeUndefined ? Math.Max(parentLevel, _guardDepth) : parentLevel;
        if (child.Target(_guardDepth) < parentTarget)
        {
            return Hoist(child);
        }

        if (child.MayBeUndefined && child.Worthwhile && child.Level < Math.Min(parentLevel, _frames.Count))
        {
            // It could leave its loop but for the guard around it.
            pass.NumKeptGuarded.Increment();
        }

        return child.Expression;
    }

    private Expr Hoist(Candidate candidate)
    {
        var depth = _frames.Count;
        if (!candidate.Worthwhile || candidate.Level >= depth)
        {
            return candidate.Expression;
        }

        var target = candidate.Target(_guardDepth);
        if (target >= depth)
        {
            pass.NumKeptGuarded.Increment();
            return candidate.Expression;
        }

        var frame = _frames[target];
        if (frame.Hoisted.Count > 0 && frame.Locals.TryGetValue(candidate.Expression, out var existing))
        {
            pass.NumReused.Increment();
            return existing;
        }

        var local = _names.Fresh("inv", candidate.Expression.Type);
        frame.Hoisted.Add(new Declare(local, candidate.Expression));
        frame.Locals[candidate.Expression] = local;
        // The local lives before loop `target` for the rest of the walk: its name is unique in the kernel.
        _declaredAt[local.Name] = target;
        if (local.Type.IsInteger())
        {
            _intervals.Set(local.Name, _intervals.Bounds(candidate.Expression));
        }

        pass.NumHoisted.Increment();
        return local;
    }

    /// <summary>
    /// The depth a variable's value is fixed at: where it was declared, or one past the innermost
    /// loop that assigns it. An unknown name (not possible in a verified kernel) pins it in place.
    /// </summary>
    private int VariableLevel(Var variable)
    {
        if (!_declaredAt.TryGetValue(variable.Name, out var level))
        {
            return _frames.Count;
        }

        for (var k = _frames.Count - 1; k >= level; k--)
        {
            if (_frames[k].Assigned.Contains(variable.Name))
            {
                return k + 1;
            }
        }

        return level;
    }

    private int BufferLevel(KernelBuffer buffer)
    {
        for (var k = _frames.Count - 1; k >= 0; k--)
        {
            if (_frames[k].Stored.Contains(buffer.Name))
            {
                return k + 1;
            }
        }

        return 0;
    }

    private static IReadOnlyList<Expr> Children(Expr expression) => expression switch
    {
        Binary binary => [binary.Left, binary.Right],
        Not not => [not.Operand],
        Cast cast => [cast.Value],
        Select select => [select.Condition, select.IfTrue, select.IfFalse],
        Saturate saturate => [saturate.Value],
        Call call => call.Arguments,
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "not an operator"),
    };

    private static Expr Rebuild(Expr expression, Expr[] children)
    {
        var operands = Children(expression);
        var same = true;
        for (var n = 0; n < children.Length && same; n++)
        {
            same = ReferenceEquals(operands[n], children[n]);
        }

        if (same)
        {
            return expression;
        }

        return expression switch
        {
            Binary binary => new Binary(binary.Op, children[0], children[1]),
            Not => new Not(children[0]),
            Cast cast => new Cast(cast.TargetType, children[0]),
            Select => new Select(children[0], children[1], children[2]),
            Saturate saturate => new Saturate(saturate.TargetType, children[0]),
            Call call => new Call(call.Intrinsic, [.. children]),
            _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "not an operator"),
        };
    }

    /// <summary>One enclosing loop: what its body assigns and stores, and what is hoisted before it.</summary>
    private sealed class LoopFrame(HashSet<string> assigned, HashSet<string> stored)
    {
        public HashSet<string> Assigned { get; } = assigned;

        public HashSet<string> Stored { get; } = stored;

        public List<Declare> Hoisted { get; } = [];

        public Dictionary<Expr, Var> Locals { get; } = [];
    }
}
