using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Fully unrolls short constant-extent loops, innermost first:
/// <code>
///   for k in 0..2 {                          var t_u0: i32 = w[0]
///     var t: i32 = w[k]              ──►     acc = acc + t_u0 * x[i * 2 + 0]
///     acc = acc + t * x[i * 2 + k]           var t_u1: i32 = w[1]
///   }                                        acc = acc + t_u1 * x[i * 2 + 1]
/// </code>
/// Each copy of the body has the loop variable replaced by its value and every local it declares
/// renamed to a name the kernel does not use anywhere (<see cref="NameSupply"/>), so the copies
/// sit side by side in the enclosing block without redeclaring anything (the verifier forbids a
/// declaration while another of that name is in scope). A loop is unrolled when its extent is at
/// most <see cref="MaxTrip"/>, or at most <see cref="MaxHintedTrip"/> when lowering marked it
/// <c>unroll</c>, and the copies together stay within <see cref="MaxNodes"/> IR nodes. The copies
/// leave constant arithmetic in indices and guards for <c>simplify</c> to fold.
/// </summary>
[Pass(
    "unroll",
    "fully unroll short constant-extent loops",
    Description = "Replaces a loop whose extent is at most `max-trip` (or at most `max-hinted-trip` for loops marked `unroll`) "
        + "by one copy of its body per iteration, the loop variable substituted by the iteration's value and the body's locals "
        + "renamed apart, innermost loops first, as long as the copies stay within `max-nodes` IR nodes. Run `simplify` "
        + "afterwards to fold the constant indices and guards the copies expose.")]
public sealed class UnrollPass : Pass
{
    [PassOption("max-trip", "unroll loops of at most this many iterations")]
    public int MaxTrip { get; set; } = 4;

    [PassOption("max-hinted-trip", "unroll loops marked `unroll` of at most this many iterations")]
    public int MaxHintedTrip { get; set; } = 16;

    [PassOption("max-nodes", "leave a loop whose unrolled copies would exceed this many IR nodes")]
    public int MaxNodes { get; set; } = 2048;

    [PassStatistic("num-unrolled", "loops fully unrolled")]
    public PassStatistic NumUnrolled { get; } = new();

    [PassStatistic("num-copies", "loop bodies emitted by unrolling")]
    public PassStatistic NumCopies { get; } = new();

    [PassStatistic("num-renamed", "locals renamed in unrolled copies")]
    public PassStatistic NumRenamed { get; } = new();

    [PassStatistic("num-kernels-reverted", "kernels left unchanged because the unrolled kernel did not verify")]
    public PassStatistic NumKernelsReverted { get; } = new();

    public override Module Run(Module module, PassContext context) => EachKernel.Rewrite(module, Unroll, NumKernelsReverted);

    /// <summary>Unrolls one kernel; the same instance when no loop qualifies.</summary>
    public KernelFunction Unroll(KernelFunction kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var body = new LoopUnroller(this, new NameSupply(kernel)).Rewrite(kernel.Body);
        return ReferenceEquals(body, kernel.Body) ? kernel : new KernelFunction(kernel.Name, kernel.Parameters, body);
    }

    private sealed class LoopUnroller(UnrollPass pass, NameSupply names) : KernelRewriter
    {
        /// <summary>Blocks of unrolled copies: their locals have fresh names, so they may be spliced into the enclosing block.</summary>
        private readonly HashSet<Block> _unrolled = new(ReferenceEqualityComparer.Instance);

        protected override Stmt RewriteBlock(Block block)
        {
            var rewritten = base.RewriteBlock(block);
            if (rewritten is not Block result || !result.Statements.Any(_unrolled.Contains))
            {
                return rewritten;
            }

            return new Block([.. result.Statements.SelectMany(s => s is Block copies && _unrolled.Contains(copies) ? copies.Statements : [s])]);
        }

        protected override Stmt RewriteFor(For loop)
        {
            var inner = base.RewriteFor(loop);
            if (inner is not For rewritten)
            {
                return inner;
            }

            var limit = rewritten.Unroll ? Math.Max(pass.MaxTrip, pass.MaxHintedTrip) : pass.MaxTrip;
            if (rewritten.Extent > limit || (long)rewritten.Extent * KernelFacts.NodeCount(rewritten.Body) > pass.MaxNodes)
            {
                return rewritten;
            }

            var locals = KernelTraversal.Statements(rewritten.Body).OfType<Declare>().Select(d => d.Variable).Distinct().ToList();
            var copies = ImmutableArray.CreateBuilder<Stmt>();
            for (var k = 0; k < rewritten.Extent; k++)
            {
                var values = new Dictionary<string, Expr>(StringComparer.Ordinal) { [rewritten.Variable.Name] = new IntImm(k, ElementType.I32) };
                var renames = locals.ToDictionary(v => v.Name, v => names.Fresh($"{v.Name}_u{k}", v.Type), StringComparer.Ordinal);
                pass.NumRenamed.Add(renames.Count);
                var copy = new VariableSubstitution(values, renames).Rewrite(rewritten.Body);
                if (copy is Block statements)
                {
                    copies.AddRange(statements.Statements);
                }
                else
                {
                    copies.Add(copy);
                }
            }

            pass.NumUnrolled.Increment();
            pass.NumCopies.Add(rewritten.Extent);
            var block = new Block(copies.ToImmutable());
            _unrolled.Add(block);
            return block;
        }
    }
}
