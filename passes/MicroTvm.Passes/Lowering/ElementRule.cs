using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The value of <paramref name="node"/>'s result at <paramref name="index"/> (one i32 expression per
/// dimension), as a register value; it may emit statements (locals, inner reduction loops) into
/// the builder's current scope. Operands are read through <see cref="GroupLowerer.ValueAt"/>, so
/// a fused producer is computed right there, per element, never stored.
/// </summary>
internal delegate Expr ElementRule(GroupLowerer lowerer, Node node, ImmutableArray<Expr> index);
