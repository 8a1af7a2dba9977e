using MicroTvm.IR.Kernels;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// A whole loop nest for an op whose elements depend on a whole row (softmax): it stores every
/// element of <paramref name="output"/> itself. Such ops are opaque, so nothing fuses into them.
/// </summary>
internal delegate void RootRule(GroupLowerer lowerer, Node node, KernelBuffer output);
