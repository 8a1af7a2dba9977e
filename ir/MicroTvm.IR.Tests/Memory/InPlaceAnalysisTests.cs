using MicroTvm.IR.Memory;

namespace MicroTvm.IR.Tests.Memory;

/// <summary>
/// <see cref="InPlaceAnalysis.MinimumGap"/> on kernels whose safe gaps are worked out by hand
/// (output at offset 0, input at the gap): elementwise, a widening elementwise, a channel-doubling
/// 1×1 "convolution", a reversal, all reads before any write, DSP and portable paths, and a
/// data-dependent index.
/// </summary>
public sealed class InPlaceAnalysisTests
{
    private const string Kernels = """
        kernel @copy(in s: i8[8], out d: i8[8]) {
          for i in 0..8 {
            d[i] = s[i]
          }
        }

        kernel @widen(in s: i8[4], out d: i32[4]) {
          for i in 0..4 {
            d[i] = cast<i32>(s[i])
          }
        }

        kernel @double_channels(in s: i8[6], out d: i8[12]) {
          for p in 0..3 {
            for c in 0..4 {
              d[p * 4 + c] = s[p * 2 + c % 2]
            }
          }
        }

        kernel @reverse(in s: i8[4], out d: i8[4]) {
          for i in 0..4 {
            d[i] = s[3 - i]
          }
        }

        kernel @sum_then_fill(in s: i8[4], workspace t: i32[1], out d: i8[4]) {
          t[0] = 0
          for i in 0..4 {
            t[0] = t[0] + cast<i32>(s[i])
          }
          for i in 0..4 {
            d[i] = saturate<i8>(t[0])
          }
        }

        kernel @copy_per_target(in s: i8[8], out d: i8[8]) {
          if target_has_dsp() {
            for i in 0..8 {
              d[i] = s[i]
            }
          } else {
            for i in 0..8 {
              d[i] = cast<i8>(cast<i32>(s[i]) + 1)
            }
          }
        }

        kernel @reverse_without_dsp(in s: i8[4], out d: i8[4]) {
          if target_has_dsp() {
            for i in 0..4 {
              d[i] = s[i]
            }
          } else {
            for i in 0..4 {
              d[i] = s[3 - i]
            }
          }
        }

        kernel @gather(in s: i8[4], in index: i32[4], out d: i8[4]) {
          for i in 0..4 {
            d[i] = s[min(max(index[i], 0), 3)]
          }
        }
        """;

    /// <summary>Each element is read, then written at the same place: the same offset is safe.</summary>
    [Fact]
    public void ElementwiseMayShareTheOffset() => Assert.Equal(0, Gap("copy"));

    /// <summary>
    /// Writing d[i] (bytes 4i..4i+3) must not reach s[i+1] (byte i+1 + gap) read next: 4i + 3 &lt; i + 1 + gap
    /// for i = 0..2, so gap ≥ 3·2 + 3 − 1 + 1 = 9.
    /// </summary>
    [Fact]
    public void WideningNeedsTheInputAboveWhatIsWrittenFirst() => Assert.Equal(9, Gap("widen"));

    /// <summary>
    /// Pixel p reads s[2p], s[2p+1] twice while writing d[4p..4p+3]. The worst write is d[9] (pixel 2,
    /// channel 1), made while s[4] is still to be read once more: 9 − 4 + 1 = 6.
    /// </summary>
    [Fact]
    public void ChannelDoublingNeedsAboutTheInputSize() => Assert.Equal(6, Gap("double_channels"));

    /// <summary>d[w] is written while s[0 … 2 − w] are still to be read: the worst is d[2] before s[0], 2 − 0 + 1 = 3.</summary>
    [Fact]
    public void AReversalOverlapsOnlyItsLastByte() => Assert.Equal(3, Gap("reverse"));

    [Fact]
    public void AllReadsBeforeAnyWriteAllowAnyOverlap() => Assert.Equal(0, Gap("sum_then_fill"));

    /// <summary>
    /// One run takes one of the two paths (target_has_dsp() is a constant of the target), each
    /// elementwise: the same offset is safe. Tracing both paths in turn would see the second path
    /// read every input after the first wrote every output, and allow no overlap at all.
    /// </summary>
    [Fact]
    public void TheDspAndPortablePathsAreTracedApart() => Assert.Equal(0, Gap("copy_per_target"));

    /// <summary>The gap must hold on every target: the portable path's reversal needs 3 (see above).</summary>
    [Fact]
    public void TheGapIsTheWorseOfTheTwoPaths() => Assert.Equal(3, Gap("reverse_without_dsp"));

    [Fact]
    public void AnIndexThatDependsOnDataIsNotProven() => Assert.Null(Gap("gather"));

    [Fact]
    public void ABudgetTooSmallGivesUp()
    {
        var kernel = HandPlannedModule.Parse(Kernels).FindKernel("copy")!;
        Assert.Null(InPlaceAnalysis.MinimumGap(kernel, "s", "d", budget: 3));
    }

    [Fact]
    public void OnlyAnInputOverAnOutputIsAsked()
    {
        var kernel = HandPlannedModule.Parse(Kernels).FindKernel("copy")!;
        Assert.Null(InPlaceAnalysis.MinimumGap(kernel, "d", "s"));
    }

    private static long? Gap(string kernel)
    {
        var function = HandPlannedModule.Parse(Kernels).FindKernel(kernel)!;
        return InPlaceAnalysis.MinimumGap(function, "s", "d");
    }
}
