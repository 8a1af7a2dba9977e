namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The per-layer schedule of <see cref="ScheduledConvolution"/>: how many output channels share
/// one pass over the inputs (accumulators kept in registers), and whether the dense inner loop
/// uses the dual 16-bit multiply-accumulate. Picked by a small cost model: estimated instructions
/// per output pixel for each unroll factor that fits the Cortex-M register file (at most 4
/// accumulators next to the input words, pointers and loop counter), remainder block included.
/// <see cref="Weights"/> is how the DSP word groups store their weights (lower-to-kernels'
/// <c>dsp-weights</c>): packed int8 words cost one sxtb16 pair more per channel and group.
/// </summary>
internal sealed record ConvolutionSchedule(int Unroll, int Pixels, bool Dsp, DspWeightLayout Weights, long Cost)
{
    /// <summary>Accumulators the register file keeps next to the input words, weights, pointers and loop counter.</summary>
    public const int MaxAccumulators = 4;

    /// <summary>
    /// Estimated instructions for one block of <paramref name="unroll"/> channels at
    /// <paramref name="pixels"/> output columns: accumulator set-up and epilogue, plus the inner loop.
    /// </summary>
    public static long BlockCost(ConvolutionProblem problem, int unroll, int pixels, bool dsp, DspWeightLayout weights)
    {
        const int Epilogue = 16;
        long inner;
        if (problem.Channelwise)
        {
            // Per tap and channel: one weight load, per pixel an input load and a multiply-accumulate.
            inner = (long)problem.KH * problem.KW * ((unroll * (1 + (2 * pixels))) + 1);
        }
        else
        {
            var (segments, run) = problem.DilationW == 1 ? (problem.KH, problem.KW * problem.InC) : (problem.KH * problem.KW, problem.InC);
            var groups = dsp ? run / 4 : 0;
            var tail = run - (4 * groups);
            // A group: per pixel a word load and two sxtb16, per channel two pair loads (or one
            // packed word and two sxtb16), per channel and pixel two smlads, and the loop step. A
            // tail element: per pixel a load, per channel a load, per channel and pixel a
            // multiply-accumulate.
            var perChannel = weights == DspWeightLayout.PackedI8 ? 3 : 2;
            inner = segments * ((groups * ((3 * pixels) + (perChannel * unroll) + (2 * unroll * pixels) + 1)) + (tail * (pixels + unroll + (unroll * pixels))) + 2);
        }

        return inner + (unroll * pixels * (Epilogue + 2)) + 3;
    }

    /// <summary>
    /// The cheapest (unroll, pixels) per output pixel with at most <see cref="MaxAccumulators"/>
    /// accumulators. Only interior outputs are paired, so a pixel pair's cost counts for the
    /// interior share of the outputs and the border pays the single-pixel cost of the same unroll.
    /// </summary>
    public static ConvolutionSchedule Choose(ConvolutionProblem problem, bool dsp, DspWeightLayout weights)
    {
        long Interior(int output, int input, int kernel, int stride, int dilation, int pad) =>
            ScheduledConvolution.Ranges(output, input, kernel, stride, dilation, pad).Where(r => !r.Border).Sum(r => (long)r.Count);
        var outputs = (long)problem.OutH * problem.OutW;
        var interior = Interior(problem.OutH, problem.InH, problem.KH, problem.StrideH, problem.DilationH, problem.PadTop)
            * Interior(problem.OutW, problem.InW, problem.KW, problem.StrideW, problem.DilationW, problem.PadLeft);
        long PerPixel(int unroll, int pixels) =>
            ((problem.OutC / unroll * BlockCost(problem, unroll, pixels, dsp, weights))
                + (problem.OutC % unroll == 0 ? 0 : BlockCost(problem, problem.OutC % unroll, pixels, dsp, weights))) / pixels;
        ConvolutionSchedule? best = null;
        foreach (var pixels in (ReadOnlySpan<int>)[1, 2])
        {
            if (pixels == 2 && problem.OutW < 2)
            {
                continue;
            }

            for (var unroll = 1; unroll * pixels <= MaxAccumulators && unroll <= problem.OutC; unroll++)
            {
                var single = PerPixel(unroll, 1);
                var cost = pixels == 1 ? single : ((PerPixel(unroll, pixels) * interior) + (single * (outputs - interior))) / outputs;
                if (best is null || cost < best.Cost)
                {
                    best = new ConvolutionSchedule(unroll, pixels, dsp, weights, cost);
                }
            }
        }

        return best!;
    }

    /// <summary>What metadata.json shows, e.g. <c>dense-dsp oc-unroll=2 pixels=2 run=32 cost=212 weights=packed-i8</c> (weights only for dense-dsp).</summary>
    public string Describe(ConvolutionProblem problem)
    {
        var kind = problem.Channelwise ? "channelwise" : Dsp ? "dense-dsp" : "dense";
        var run = problem.Channelwise ? problem.KH * problem.KW : problem.DilationW == 1 ? problem.KW * problem.InC : problem.InC;
        var weights = kind == "dense-dsp" ? $" weights={KebabCase.From(Weights.ToString())}" : string.Empty;
        return $"{kind} oc-unroll={Unroll} pixels={Pixels} run={run} cost={Cost}{weights}";
    }
}
