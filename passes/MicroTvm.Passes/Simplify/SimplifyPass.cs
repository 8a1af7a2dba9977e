using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Simplifies every kernel of the module with rules that are exact under the kernel IR's C
/// semantics (docs/kernel-ir.md), walking each kernel until nothing changes (at most
/// <see cref="MaxIterations"/> walks):
/// <code>
///   expressions, bottom-up                       statements
///   closed expression   → its value (evaluator)  for i in 0..1 { S }     → S[i := 0]
///   interval is a point → that constant          if true { S } else { T } → S
///   linear i32/i64 sum  → Σ c·atom + k           var x = e  (x never read) → (gone, with its assignments)
///   x+0 x*1 x*0 x-x …   → x, 0                   {} , for/if with empty body → (gone)
///   x / 2^k, x % 2^k    → x >> k, x &amp; (2^k-1)     (x ≥ 0 proven by intervals)
///   select(true, a, b)  → a                      cast&lt;i8&gt;(cast&lt;i32&gt;(x: i16)) → cast&lt;i8&gt;(x)
/// </code>
/// A rule may also drop an operand (x * 0, select with a constant condition): expressions have
/// no effects, so that can only remove undefined behaviour, never add it. Folding runs the
/// <see cref="KernelEvaluator"/> on the closed expression (<see cref="ConstantEvaluation"/>), so
/// a folded constant is what the evaluator computes; an undefined one is left alone. f32
/// expressions are folded only when closed, never reassociated and never rewritten by an
/// identity. Interval facts are the verifier's: loop ranges and the initial ranges of locals that
/// are never assigned.
/// </summary>
[Pass(
    "simplify",
    "fold constants and simplify kernel expressions and statements",
    Description = "Constant folding with the kernel evaluator's exact semantics (wrapping casts, C division and remainder, "
        + "intrinsics, f32 rounding; exp, log and tanh are left to the target's libm), exact algebraic identities (x+0, x*1, "
        + "integer x*0 and x-x, select and if with a constant condition, casts of casts, saturate of a value already in range, "
        + "min/max and comparisons the interval analysis decides), strength reduction of integer division and remainder by a "
        + "power of two where the dividend is proven non-negative, canonical linear index expressions (one term per "
        + "variable, outer loops first, the constant last), removal of loops of extent 1, dead locals and empty statements. "
        + "f32 arithmetic is never reassociated.")]
public sealed class SimplifyPass : Pass
{
    [PassOption("max-iterations", "the most simplification walks over one kernel")]
    public int MaxIterations { get; set; } = 4;

    [PassOption("shift-multiplies", "also turn multiplications of non-negative integers by a power of two into left shifts (C compilers do this themselves)")]
    public bool ShiftMultiplies { get; set; }

    [PassStatistic("num-folded", "expressions replaced by a constant")]
    public PassStatistic NumFolded { get; } = new();

    [PassStatistic("num-identities", "algebraic identities applied")]
    public PassStatistic NumIdentities { get; } = new();

    [PassStatistic("num-strength-reduced", "integer multiplications, divisions and remainders turned into shifts and masks")]
    public PassStatistic NumStrengthReduced { get; } = new();

    [PassStatistic("num-canonicalized", "linear integer expressions rewritten to their canonical form")]
    public PassStatistic NumCanonicalized { get; } = new();

    [PassStatistic("num-loops-removed", "loops of extent 1 replaced by their body")]
    public PassStatistic NumLoopsRemoved { get; } = new();

    [PassStatistic("num-branches-folded", "ifs with a constant condition replaced by the branch taken")]
    public PassStatistic NumBranchesFolded { get; } = new();

    [PassStatistic("num-dead-removed", "dead locals, their assignments and empty loops and ifs removed")]
    public PassStatistic NumDeadRemoved { get; } = new();

    [PassStatistic("num-nodes-removed", "IR nodes (statements and expressions) fewer than before, over all kernels")]
    public PassStatistic NumNodesRemoved { get; } = new();

    [PassStatistic("num-kernels-reverted", "kernels left unchanged because the simplified kernel did not verify")]
    public PassStatistic NumKernelsReverted { get; } = new();

    public override Module Run(Module module, PassContext context) => EachKernel.Rewrite(module, Simplify, NumKernelsReverted);

    /// <summary>Simplifies one kernel (which must verify); the same instance when nothing changes.</summary>
    public KernelFunction Simplify(KernelFunction kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var current = kernel;
        for (var i = 0; i < MaxIterations; i++)
        {
            var next = KernelSimplifier.Run(this, current);
            if (ReferenceEquals(next, current))
            {
                break;
            }

            current = next;
        }

        NumNodesRemoved.Add(KernelFacts.NodeCount(kernel.Body) - KernelFacts.NodeCount(current.Body));
        return current;
    }
}
