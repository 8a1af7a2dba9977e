using MicroTvm.IR.Kernels;
using MicroTvm.Passes.Lowering;

namespace MicroTvm.Passes;

/// <summary>
/// Lowers every fused group and every op left outside groups to one loop-level kernel, and
/// turns the caller into the executor skeleton.
/// <code>
///   %y = call(%x) {callee = "fused_conv_relu_0"}        kernel fused_conv_relu_0(in p0, const w, const b, out y)
///   @fused_conv_relu_0 (primitive)               ──►     %fused_conv_relu_0_w = constant …
///   %z = max_pool(%y)                                    %y = kernel_call(%x, %fused_conv_relu_0_w, …) {kernel = "fused_conv_relu_0"}
///                                                        %z = kernel_call(%y) {kernel = "max_pool_0"}
/// </code>
/// Each group graph (or a one-op graph around a plain op, <see cref="SingleOpGraph"/>) goes
/// through the lowering library (<see cref="GroupLowerer"/>: element rules per op family, the
/// group's ops computed per output element inside the anchor's loops, nothing materialised).
/// The kernel_call's operands are the values bound to the kernel's input and constant
/// parameters, in order: the call's operands for inputs, the caller's own constant nodes for a
/// plain op's weights, and new constant nodes (named after the kernel) for a group's weights and
/// for the multipliers, shifts and zero points lowering precomputed. A group called twice is
/// lowered once. Primitive graphs are removed afterwards, and constants nobody reads any more.
/// A node that cannot be lowered is reported (MTVM2460, naming the node and its op) and the
/// module is returned unchanged.
/// </summary>
[Pass(
    "lower-to-kernels",
    "lower every fused group and remaining op to one loop-level kernel",
    Description = "Turns each primitive graph called by `call`, and each op outside groups, into a kernel of `Module.Kernels` "
        + "specialised to its shapes and constants (the group's bias, activation, requantization and elementwise ops are "
        + "fused into the anchor's loop nest, padding folded into guarded, clamped indices, per-channel requantization "
        + "multipliers precomputed), replaces the call or op by `kernel_call`, and removes the primitive graphs.")]
public sealed partial class LowerToKernelsPass : Pass
{
    [PassOption("dsp-weights", "how dense int8 convolution and fully-connected weights are stored for the DSP extension's dual multiply-accumulate: `packed-i8` (four int8 weights per word, split by sxtb16 at run time: half the weight flash, a few percent more instructions where the inputs are expanded once per output, up to a third more where they are not), `pairs` (16-bit pairs ready for smlad: fastest, twice the flash of the int8 weights), or `auto` (per layer, packed-i8 where the inputs are expanded once per output, and without DSP; else pairs)")]
    public DspWeightLayout DspWeights { get; set; } = DspWeightLayout.Auto;

    [PassStatistic("num-kernels", "kernels produced")]
    public PassStatistic NumKernels { get; } = new();

    [PassStatistic("num-fused-ops", "ops lowered as part of a fused group of two or more")]
    public PassStatistic NumFusedOps { get; } = new();

    [PassStatistic("total-macs", "multiply-accumulates per inference over all kernels")]
    public PassStatistic TotalMacs { get; } = new();

    public override Module Run(Module module, PassContext context)
    {
        var kernels = new KernelTable(module, DspWeights);
        var graphs = ImmutableArray.CreateBuilder<Graph>();
        var failed = false;
        foreach (var graph in module.Graphs.Where(g => !FuseOpsPass.IsPrimitive(g)))
        {
            var rewritten = RewriteGraph(module, graph, kernels, context);
            failed |= rewritten is null;
            graphs.Add(rewritten ?? graph);
        }

        if (failed)
        {
            return module;
        }

        foreach (var kernel in kernels.Lowered)
        {
            NumKernels.Increment();
            TotalMacs.Add(kernel.Macs);
        }

        NumFusedOps.Add(kernels.FusedOps);
        return module.WithGraphs(graphs.ToImmutable()).WithKernels([.. module.Kernels, .. kernels.Lowered.Select(k => k.Function)]);
    }
}
