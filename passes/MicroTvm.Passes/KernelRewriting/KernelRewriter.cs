using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.KernelRewriting;

/// <summary>
/// A copy-on-change rewriter of kernel IR: each <c>Rewrite…</c> method rebuilds its node from
/// its rewritten children and returns the very same instance when no child changed, so a pass
/// that changes nothing hands back its input. Derived rewriters override the node kinds they
/// care about and call the base for the rest.
/// </summary>
public abstract class KernelRewriter
{
    public virtual Stmt Rewrite(Stmt statement) => statement switch
    {
        Block block => RewriteBlock(block),
        For loop => RewriteFor(loop),
        Store store => RewriteStore(store),
        Declare declare => RewriteDeclare(declare),
        Assign assign => RewriteAssign(assign),
        If branch => RewriteIf(branch),
        _ => throw new ArgumentOutOfRangeException(nameof(statement), statement.GetType().Name, "unknown statement"),
    };

    public virtual Expr Rewrite(Expr expression) => expression switch
    {
        IntImm or FloatImm => expression,
        Var variable => RewriteVar(variable),
        Load load => RewriteLoad(load),
        Binary binary => RewriteBinary(binary),
        Not not => RewriteNot(not),
        Cast cast => RewriteCast(cast),
        Select select => RewriteSelect(select),
        Saturate saturate => RewriteSaturate(saturate),
        Call call => RewriteCall(call),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown expression"),
    };

    protected virtual Stmt RewriteBlock(Block block)
    {
        ImmutableArray<Stmt>.Builder? changed = null;
        for (var i = 0; i < block.Statements.Length; i++)
        {
            var statement = block.Statements[i];
            var rewritten = Rewrite(statement);
            if (changed is null && !ReferenceEquals(rewritten, statement))
            {
                changed = ImmutableArray.CreateBuilder<Stmt>(block.Statements.Length);
                changed.AddRange(block.Statements, i);
            }

            changed?.Add(rewritten);
        }

        return changed is null ? block : new Block(changed.ToImmutable());
    }

    protected virtual Stmt RewriteFor(For loop)
    {
        var body = Rewrite(loop.Body);
        return ReferenceEquals(body, loop.Body) ? loop : new For(loop.Variable, loop.Extent, body, loop.Unroll);
    }

    protected virtual Stmt RewriteStore(Store store)
    {
        var index = Rewrite(store.Index);
        var value = Rewrite(store.Value);
        return ReferenceEquals(index, store.Index) && ReferenceEquals(value, store.Value) ? store : new Store(store.Buffer, index, value);
    }

    protected virtual Stmt RewriteDeclare(Declare declare)
    {
        var init = Rewrite(declare.Init);
        return ReferenceEquals(init, declare.Init) ? declare : new Declare(declare.Variable, init);
    }

    protected virtual Stmt RewriteAssign(Assign assign)
    {
        var value = Rewrite(assign.Value);
        return ReferenceEquals(value, assign.Value) ? assign : new Assign(assign.Variable, value);
    }

    protected virtual Stmt RewriteIf(If branch)
    {
        var condition = Rewrite(branch.Condition);
        var then = Rewrite(branch.Then);
        var otherwise = branch.Else is null ? null : Rewrite(branch.Else);
        return ReferenceEquals(condition, branch.Condition) && ReferenceEquals(then, branch.Then) && ReferenceEquals(otherwise, branch.Else)
            ? branch
            : new If(condition, then, otherwise);
    }

    protected virtual Expr RewriteVar(Var variable) => variable;

    protected virtual Expr RewriteLoad(Load load)
    {
        var index = Rewrite(load.Index);
        return ReferenceEquals(index, load.Index) ? load : new Load(load.Buffer, index);
    }

    protected virtual Expr RewriteBinary(Binary binary)
    {
        var left = Rewrite(binary.Left);
        var right = Rewrite(binary.Right);
        return ReferenceEquals(left, binary.Left) && ReferenceEquals(right, binary.Right) ? binary : new Binary(binary.Op, left, right);
    }

    protected virtual Expr RewriteNot(Not not)
    {
        var operand = Rewrite(not.Operand);
        return ReferenceEquals(operand, not.Operand) ? not : new Not(operand);
    }

    protected virtual Expr RewriteCast(Cast cast)
    {
        var value = Rewrite(cast.Value);
        return ReferenceEquals(value, cast.Value) ? cast : new Cast(cast.TargetType, value);
    }

    protected virtual Expr RewriteSelect(Select select)
    {
        var condition = Rewrite(select.Condition);
        var ifTrue = Rewrite(select.IfTrue);
        var ifFalse = Rewrite(select.IfFalse);
        return ReferenceEquals(condition, select.Condition) && ReferenceEquals(ifTrue, select.IfTrue) && ReferenceEquals(ifFalse, select.IfFalse)
            ? select
            : new Select(condition, ifTrue, ifFalse);
    }

    protected virtual Expr RewriteSaturate(Saturate saturate)
    {
        var value = Rewrite(saturate.Value);
        return ReferenceEquals(value, saturate.Value) ? saturate : new Saturate(saturate.TargetType, value);
    }

    protected virtual Expr RewriteCall(Call call)
    {
        ImmutableArray<Expr>.Builder? changed = null;
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var argument = call.Arguments[i];
            var rewritten = Rewrite(argument);
            if (changed is null && !ReferenceEquals(rewritten, argument))
            {
                changed = ImmutableArray.CreateBuilder<Expr>(call.Arguments.Length);
                changed.AddRange(call.Arguments, i);
            }

            changed?.Add(rewritten);
        }

        return changed is null ? call : new Call(call.Intrinsic, changed.ToImmutable());
    }
}
