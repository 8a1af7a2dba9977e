using MicroTvm.IR.Kernels;
using MicroTvm.Passes.KernelRewriting;

namespace MicroTvm.Passes;

/// <summary>
/// Loop-invariant code motion for kernel expressions. Every expression gets a <em>level</em>:
/// how many of its enclosing loops it depends on, counting from the outermost. It depends on
/// loop <c>L</c> when it reads L's variable or one of the loops' inside L, a local declared
/// inside L or assigned anywhere in L, or a buffer L stores to. An expression of level
/// <c>t</c> inside <c>D &gt; t</c> loops computes the same value in every iteration of loops
/// <c>t … D-1</c>, so it is computed once in a fresh local declared just before loop <c>t</c>:
/// <code>
///   for i in 0..16 {                          var inv = i * 128      (level 1: before j)
///     for j in 0..16 {               ──►      for j in 0..16 {
///       y[i * 128 + j * 8] = …                  y[inv + j * 8] = …
/// </code>
/// Expressions are taken bottom-up and whole: a subexpression is hoisted on its own only when
/// it can go further out than its parent. Equal expressions hoisted to one loop share a local.
/// An expression inside an <c>if</c> runs only when the guard holds; moving it before a loop
/// that encloses the <c>if</c> makes it run regardless, so an expression that could be
/// undefined (<see cref="Speculation"/>) stays inside the innermost enclosing <c>if</c>; without
/// a guard it runs in every iteration anyway (extents are at least 1), so hoisting only moves
/// the same evaluation earlier. Immediates, variables and casts of them are left alone: a
/// local costs as much as they do.
/// </summary>
[Pass(
    "hoist-invariants",
    "move loop-invariant expressions out of loops",
    Description = "Computes each expression that does not depend on a loop (its variable, locals declared or assigned in it, "
        + "buffers stored in it) once, in a fresh local declared before the outermost such loop. Expressions that could be "
        + "undefined (loads, integer division or arithmetic the interval analysis cannot prove in range, f32-to-integer casts, "
        + "intrinsic arguments out of their domain) are not moved out of an enclosing `if`. Constants, variables and integer "
        + "casts of them are not worth a local and stay.")]
public sealed partial class HoistInvariantsPass : Pass
{
    [PassStatistic("num-hoisted", "expressions moved out of loops into a new local")]
    public PassStatistic NumHoisted { get; } = new();

    [PassStatistic("num-reused", "invariant expressions replaced by a local hoisted earlier for an equal expression")]
    public PassStatistic NumReused { get; } = new();

    [PassStatistic("num-kept-guarded", "invariant expressions kept inside an if because they could be undefined")]
    public PassStatistic NumKeptGuarded { get; } = new();

    [PassStatistic("num-kernels-reverted", "kernels left unchanged because the rewritten kernel did not verify")]
    public PassStatistic NumKernelsReverted { get; } = new();

    public override Module Run(Module module, PassContext context) => EachKernel.Rewrite(module, Hoist, NumKernelsReverted);

    /// <summary>Hoists in one kernel (which must verify); the same instance when nothing moves.</summary>
    public KernelFunction Hoist(KernelFunction kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var body = new InvariantHoister(this, kernel).Run();
        return ReferenceEquals(body, kernel.Body) ? kernel : new KernelFunction(kernel.Name, kernel.Parameters, body);
    }
}
