namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The per-layer schedule of <see cref="ScheduledConvolution"/>: how many output channels share
/// one pass over the inputs (accumulators kept in registers), whether the dense inner loop
/// uses the dual 16-bit multiply-accumulate, and whether each interior output's inputs are
/// expanded once into 16-bit halves in a workspace (<see cref="Expand"/>). Picked by a small
/// cost model: estimated instructions per output pixel for each unroll factor that fits the
/// Cortex-M register file (at most 4 accumulators next to the input words, pointers and loop
/// counter), remainder block and expansion included.
/// <see cref="Weights"/> is how the DSP word groups store their weights (lower-to-kernels'
/// <c>dsp-weights</c>): packed int8 words cost one sxtb16 pair more per channel and group.
/// </summary>
internal sealed record ConvolutionSchedule(int Unroll, int Pixels, bool Dsp, DspWeightLayout Weights, bool Expand, long Cost)
{
    /// <summary>Accumulators the register file keeps next to the input words, weights, pointers and loop counter.</summary>
    public const int MaxAccumulators = 4;

    /// <summary>
    /// Estimated instructions for one block of <paramref name="unroll"/> channels at
    /// <paramref name="pixels"/> output columns: accumulator set-up and epilogue, plus the inner loop.
    /// With <paramref name="expanded"/> inputs a DSP group reads each pixel's two 16-bit pair words
    /// from the workspace instead of loading and splitting its input word.
    /// </summary>
    public static long BlockCost(ConvolutionProblem problem, int unroll, int pixels, bool dsp, DspWeightLayout weights, bool expanded = false)
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
            var (rows, columns, run) = Segments(problem);
            var segments = rows * columns;
            var groups = dsp ? run / 4 : 0;
            var tail = run - (4 * groups);
            // A group: per pixel a word load and two sxtb16 (expanded: two loads), per channel two
            // pair loads (or one packed word and two sxtb16), per channel and pixel two smlads, and
            // the loop step. A tail element: per pixel a load, per channel a load, per channel and
            // pixel a multiply-accumulate.
            var perPixel = expanded ? 2 : 3;
            var perChannel = weights == DspWeightLayout.PackedI8 ? 3 : 2;
            inner = segments * ((groups * ((perPixel * pixels) + (perChannel * unroll) + (2 * unroll * pixels) + 1)) + (tail * (pixels + unroll + (unroll * pixels))) + 2);
        }

        return inner + (unroll * pixels * (Epilogue + 2)) + 3;
    }

    /// <summary>
    /// Estimated instructions to expand the DSP word groups of <paramref name="pixels"/> outputs
    /// once: per pixel and group a word load, two sxtb16 and two stores, and the loop step.
    /// </summary>
    public static long ExpansionCost(ConvolutionProblem problem, int pixels)
    {
        var (rows, columns, run) = Segments(problem);
        return rows * columns * (((run / 4) * ((5 * pixels) + 1)) + 2);
    }

    /// <summary>
    /// The cheapest (unroll, pixels, expand) per output pixel with at most <see cref="MaxAccumulators"/>
    /// accumulators. Only interior outputs are paired and expanded, so their cost counts for the
    /// interior share of the outputs and the border pays the plain single-pixel cost of the same unroll.
    /// </summary>
    public static ConvolutionSchedule Choose(ConvolutionProblem problem, bool dsp, DspWeightLayout weights)
    {
        if (weights == DspWeightLayout.Auto)
        {
            var packed = Choose(problem, dsp, DspWeightLayout.PackedI8);
            return packed.Expand || !dsp ? packed : Choose(problem, dsp, DspWeightLayout.Pairs);
        }

        long Interior(int output, int input, int kernel, int stride, int dilation, int pad) =>
            ScheduledConvolution.Ranges(output, input, kernel, stride, dilation, pad).Where(r => !r.Border).Sum(r => (long)r.Count);
        var outputs = (long)problem.OutH * problem.OutW;
        var interior = Interior(problem.OutH, problem.InH, problem.KH, problem.StrideH, problem.DilationH, problem.PadTop)
            * Interior(problem.OutW, problem.InW, problem.KW, problem.StrideW, problem.DilationW, problem.PadLeft);
        long PerPixel(int unroll, int pixels, bool expand) =>
            ((problem.OutC / unroll * BlockCost(problem, unroll, pixels, dsp, weights, expand))
                + (problem.OutC % unroll == 0 ? 0 : BlockCost(problem, problem.OutC % unroll, pixels, dsp, weights, expand))
                + (expand ? ExpansionCost(problem, pixels) : 0)) / pixels;
        var expandable = dsp && !problem.Channelwise && Segments(problem).Run >= 4;
        ConvolutionSchedule? best = null;
        foreach (var expand in (ReadOnlySpan<bool>)[false, true])
        {
            if (expand && !expandable)
            {
                continue;
            }

            foreach (var pixels in (ReadOnlySpan<int>)[1, 2])
            {
                if (pixels == 2 && problem.OutW < 2)
                {
                    continue;
                }

                for (var unroll = 1; unroll * pixels <= MaxAccumulators && unroll <= problem.OutC; unroll++)
                {
                    var border = PerPixel(unroll, 1, false);
                    var cost = pixels == 1 && !expand ? border : ((PerPixel(unroll, pixels, expand) * interior) + (border * (outputs - interior))) / outputs;
                    if (best is null || cost < best.Cost)
                    {
                        best = new ConvolutionSchedule(unroll, pixels, dsp, weights, expand, cost);
                    }
                }
            }
        }

        return best!;
    }

    /// <summary>
    /// Segments of the reduction: per kernel row one run of KW·IC contiguous inputs, or per tap one
    /// run of IC when columns are dilated.
    /// </summary>
    public static (int Rows, int Columns, int Run) Segments(ConvolutionProblem problem) =>
        problem.DilationW == 1 ? (problem.KH, 1, problem.KW * problem.InC) : (problem.KH, problem.KW, problem.InC);

    /// <summary>
    /// What metadata.json shows, e.g. <c>dense-dsp oc-unroll=2 pixels=2 run=32 cost=212 weights=packed-i8 inputs=expanded</c>
    /// (weights only for dense-dsp, inputs only when expanded).
    /// </summary>
    public string Describe(ConvolutionProblem problem)
    {
        var kind = problem.Channelwise ? "channelwise" : Dsp ? "dense-dsp" : "dense";
        var run = problem.Channelwise ? problem.KH * problem.KW : Segments(problem).Run;
        var weights = kind == "dense-dsp" ? $" weights={KebabCase.From(Weights.ToString())}" : string.Empty;
        var inputs = Expand ? " inputs=expanded" : string.Empty;
        return $"{kind} oc-unroll={Unroll} pixels={Pixels} run={run} cost={Cost}{weights}{inputs}";
    }
}
