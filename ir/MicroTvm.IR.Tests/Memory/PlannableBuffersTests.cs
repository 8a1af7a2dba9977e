using MicroTvm.IR.Memory;

namespace MicroTvm.IR.Tests.Memory;

/// <summary>
/// Which buffers of a lowered main graph need a place, with their sizes, alignments and
/// lifetimes, and the lower bounds, against the numbers worked out by hand in <see cref="HandPlannedModule"/>.
/// </summary>
public sealed class PlannableBuffersTests
{
    private static readonly PlannableBuffer A = new("a", null, 64, 16, 0, 1);
    private static readonly PlannableBuffer B = new("b", null, 16, 1, 1, 2);
    private static readonly PlannableBuffer T = new("b", "t", 32, 8, 1, 1);
    private static readonly PlannableBuffer C = new("c", null, 16, 4, 2, 3);

    [Fact]
    public void ListsIntermediateResultsAndWorkspacesInStepOrder() =>
        Assert.Equal<PlannableBuffer>([A, B, T, C], PlannableBuffers.Of(HandPlannedModule.Lowered));

    [Fact]
    public void NamesBuffersAsThePlanSpellsThem()
    {
        Assert.Equal(["%a", "%b", "%b workspace t", "%c"], PlannableBuffers.Of(HandPlannedModule.Lowered).Select(b => b.Name));
        Assert.Equal("%b workspace t", new BufferPlacement("b", "t", "workspace", 64).BufferName);
        Assert.Equal("%c", new BufferPlacement("c", null, "workspace", 0).BufferName);
    }

    /// <summary>The largest alignment any kernel parameter bound to the value declares, and at least the element size.</summary>
    [Fact]
    public void AlignmentIsTheLargestOverTheBoundKernelParameters()
    {
        var alignments = PlannableBuffers.Alignments(HandPlannedModule.Lowered);
        Assert.Equal(
            [("a", 16), ("b", 1), ("c", 4), ("x", 4), ("y", 1)],
            alignments.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value)));
    }

    [Fact]
    public void AnUnalignedParameterStillGetsTheElementSize()
    {
        var module = HandPlannedModule.Parse("""
            graph @main(%x: tensor<4xi32>) {
              %y = kernel_call(%x) {kernel = "k"} : tensor<4xi32>
              %z = kernel_call(%y) {kernel = "k"} : tensor<4xi32>
              return %z
            }

            kernel @k(in x: i32[4], out y: i32[4]) {
              for i in 0..4 {
                y[i] = x[i]
              }
            }
            """);
        Assert.Equal<PlannableBuffer>([new PlannableBuffer("y", null, 16, 4, 0, 1)], PlannableBuffers.Of(module));
    }

    [Fact]
    public void LifetimesMeetWhenTheyShareAStep()
    {
        Assert.True(A.IsLiveWith(B));
        Assert.True(B.IsLiveWith(C));
        Assert.True(T.IsLiveWith(A) && T.IsLiveWith(B));
        Assert.False(A.IsLiveWith(C));
        Assert.False(C.IsLiveWith(T));
    }

    /// <summary>Planned bytes live per step are 64, 112, 32, 16: the bound is 112 at step 1. Of equal peaks (40 at steps 2 and 4) the first counts.</summary>
    [Fact]
    public void LowerBoundIsTheLargestSumLiveAtOneStep()
    {
        Assert.Equal((1, 112L), PlannableBuffers.LowerBound(PlannableBuffers.Of(HandPlannedModule.Lowered)));
        Assert.Equal((0, 0L), PlannableBuffers.LowerBound([]));
        Assert.Equal((2, 40L), PlannableBuffers.LowerBound([new("p", null, 8, 1, 0, 0), new("q", null, 8, 1, 1, 2), new("r", null, 32, 1, 2, 5), new("s", null, 8, 1, 4, 4)]));
    }

    /// <summary>With %x (16 B, live 0–3) and %y (16 B, step 3): 80, 128, 48, 48 — the input raises the peak at step 1.</summary>
    [Fact]
    public void LowerBoundWithIoCountsTheModelsInputsAndOutputs() =>
        Assert.Equal(128, PlannableBuffers.LowerBoundWithIo(HandPlannedModule.Lowered));

    [Fact]
    public void GraphOutputsConstantsAndInputsAreNotPlanned()
    {
        var module = HandPlannedModule.Parse("""
            graph @main(%x: tensor<4xi8>) {
              %w = constant {value = dense<tensor<4xi8>, [1, 2, 3, 4]>} : tensor<4xi8>
              %s = kernel_call(%x, %w) {kernel = "add"} : tensor<4xi8>
              %t = kernel_call(%s, %w) {kernel = "add"} : tensor<4xi8>
              %u = kernel_call(%t, %s) {kernel = "add"} : tensor<4xi8>
              return %t, %u
            }

            kernel @add(in a: i8[4], in b: i8[4], out c: i8[4]) {
              for i in 0..4 {
                c[i] = saturate<i8>(cast<i32>(a[i]) + cast<i32>(b[i]))
              }
            }
            """);
        Assert.Equal<PlannableBuffer>([new PlannableBuffer("s", null, 4, 1, 1, 3)], PlannableBuffers.Of(module));
    }

    /// <summary>Every output of a multi-output call that the graph does not return is planned; its workspace is named after the first result.</summary>
    [Fact]
    public void PlansEachUnreturnedResultOfAMultiOutputCall()
    {
        var module = HandPlannedModule.Parse("""
            graph @main(%x: tensor<4xi16>) {
              %lo, %hi = kernel_call(%x) {kernel = "split"} : tensor<2xi16>, tensor<2xi16>
              %y = kernel_call(%lo, %hi) {kernel = "join"} : tensor<4xi16>
              return %y, %hi
            }

            kernel @split(in x: i16[4], workspace tmp: i16[4] align 4, out lo: i16[2], out hi: i16[2] align 8) {
              for i in 0..4 {
                tmp[i] = x[i]
              }
              for i in 0..2 {
                lo[i] = tmp[i]
                hi[i] = tmp[i + 2]
              }
            }

            kernel @join(in lo: i16[2] align 16, in hi: i16[2], out y: i16[4]) {
              for i in 0..2 {
                y[i] = lo[i]
                y[i + 2] = hi[i]
              }
            }
            """);
        Assert.Equal<PlannableBuffer>([new PlannableBuffer("lo", null, 4, 16, 0, 1), new PlannableBuffer("lo", "tmp", 8, 4, 0, 0)], PlannableBuffers.Of(module));
        Assert.Equal(8, PlannableBuffers.Alignments(module)["hi"]);
        Assert.Equal((0, 12L), PlannableBuffers.LowerBound(PlannableBuffers.Of(module)));
    }

    [Fact]
    public void KernelOfFindsTheCalledKernel()
    {
        var module = HandPlannedModule.Lowered;
        Assert.Equal("narrow", PlannableBuffers.KernelOf(module, module.Main.Nodes[1])?.Name);
        Assert.Null(PlannableBuffers.KernelOf(module.WithKernels([]), module.Main.Nodes[1]));
    }
}
