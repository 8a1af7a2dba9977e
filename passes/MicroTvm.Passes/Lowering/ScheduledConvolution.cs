using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Passes.Lowering;

/// <summary>
/// The fast lowering of a quantized conv, depthwise_conv or fully_connected whose result is a
/// group output (i8 or i16 input read from a group input, constant i8 weights with zero zero
/// points, constant bias). Instead of one element rule per output it emits:
/// <code>
///   if target_has_dsp() { nest with sxtb16/smlad } else { the same nest, one product at a time }
///   nest: for each output region (interior: every tap inside the input; border rows, columns)
///     for n, oh, ow in the region (interior: ow in pairs when the schedule says pixels=2)
///       DSP, expanding schedule, interior: for each kernel row's run, for g:
///           halves[row, g, px] = sxtb16(pack_i8x4(x[4g … 4g+3]), 0 and 8)    once per output (workspace)
///       for each block of U output channels          U, pixels, expand: cost model (<see cref="ConvolutionSchedule"/>)
///         acc[px, j] = folded_bias[c0 + j]             bias − x_zero_point · Σ weights (compile time)
///         dense, interior: per kernel row, the contiguous run of KW·IC inputs
///           DSP (i8): for g: w4 = pack_i8x4(x[4g … 4g+3]) (one word load), even/odd = sxtb16(w4, 0/8)
///                     (expanded: even/odd = the two halves words, loaded),
///                     acc = smlad(odd, W'[…], smlad(even, W'[…], acc))    W' = 16-bit weight pairs,
///                     or one word of four int8 split by sxtb16 (dsp-weights = packed-i8)
///           portable: acc += x[4g + k] · half k of W'[…]; a tail of run mod 4: acc += x[t] · W''[…]
///         dense, border: per kernel row, if the row is inside: the inside columns, else its
///           compile-time padding term zx·Σw (border columns are emitted one by one, so static)
///         channelwise: acc += x[tap, c] · w[tap, c]; border taps read x or the zero point (select)
///         out[…, c0 + j] = clamp(requantize(acc) + zero point)      once per output (RightShiftRequantize)
/// </code>
/// Weights are re-laid out at compile time in the order the inner loop reads them; border
/// columns and channelwise layers read the original weights. Expanding the inputs (CMSIS-NN's
/// im2col, without the padding) moves their sxtb16 out of the channel blocks: each block then
/// spends per word group only loads, the weights' unpacking and the smlads, which is what makes
/// packed int8 weights nearly as fast as 16-bit pairs; it costs a workspace of
/// rows · run/4 · pixels · 2 words (1 KB for a 1x1 conv over 256 channels). Partial sums are
/// bounded at compile time (|folded bias| + Σ|w|·max|x| &lt; 2³¹ for i32 accumulators), so the reordered sum is exact
/// whenever the element rule's is; otherwise the element rule lowers the op.
/// </summary>
internal static class ScheduledConvolution
{
    public static bool TryLower(GroupLowerer lowerer, Node node, string value, KernelBuffer output)
    {
        if (!(ReferenceEquals(node.Op, Ops.Conv) || ReferenceEquals(node.Op, Ops.DepthwiseConv) || ReferenceEquals(node.Op, Ops.FullyConnected))
            || node.Results.Length != 1 || node.Result.Name != value)
        {
            return false;
        }

        var (input, filter, result) = (lowerer.TypeOf(node.Operands[0]), lowerer.TypeOf(node.Operands[1]), node.Result.Type);
        if (input.ElementType is not (ElementType.I8 or ElementType.I16) || filter.ElementType != ElementType.I8
            || result.ElementType is not (ElementType.I8 or ElementType.I16)
            || input.Quantization is not { Scales.Length: 1 } inputQuantization || filter.Quantization is not { } filterQuantization
            || result.Quantization is not { Scales.Length: 1 } || filterQuantization.ZeroPoints.Any(z => z != 0)
            || node.GetAttribute("rounding") is StringAttribute { Value: "half_even" })
        {
            return false;
        }

        if (lowerer.GroupInputBuffer(node.Operands[0]) is not { } source || lowerer.ConstantValues(node.Operands[1]) is not { } weights)
        {
            return false;
        }

        var bias = node.HasOperand(2) ? lowerer.ConstantValues(node.Operands[2]) : null;
        if ((node.HasOperand(2) && bias is null) || ConvolutionProblem.Of(node, input, filter, result, weights) is not { } problem
            || (bias is not null && bias.Length != problem.OutC))
        {
            return false;
        }

        var accumulator = input.ElementType == ElementType.I16 ? ElementType.I64 : ElementType.I32;
        var zeroPoint = inputQuantization.ZeroPoint;
        var folded = new long[problem.OutC];
        for (var c = 0; c < problem.OutC; c++)
        {
            var (sum, magnitude) = (0L, 0L);
            ForEachTap(problem, c, w => (sum, magnitude) = (sum + w, magnitude + Math.Abs(w)));
            folded[c] = (bias?[c] ?? 0) - (zeroPoint * sum);
            var largestInput = input.ElementType == ElementType.I16 ? 1L << 15 : 1L << 7;
            if (accumulator == ElementType.I32 && Math.Abs(folded[c]) + (magnitude * largestInput) > int.MaxValue)
            {
                return false;
            }
        }

        var schedule = ConvolutionSchedule.Choose(problem, dsp: accumulator == ElementType.I32, lowerer.DspWeights);
        var legacyScale = ReferenceEquals(node.Op, Ops.FullyConnected) && filterQuantization.Scales.Length == 1;
        var emitter = new Emitter(lowerer, node, problem, schedule, source, output, accumulator, zeroPoint, folded, legacyScale);
        emitter.Emit();
        lowerer.Schedule = schedule.Describe(problem);
        return true;
    }

    private static void ForEachTap(ConvolutionProblem problem, int channel, Action<long> weight)
    {
        for (var y = 0; y < problem.KH; y++)
        {
            for (var x = 0; x < problem.KW; x++)
            {
                for (var ic = 0; ic < problem.ReducedChannels; ic++)
                {
                    weight(problem.Weight(channel, y, x, ic));
                }
            }
        }
    }

    /// <summary>Output coordinates of one dimension split into [0, lo) border, [lo, hi) interior (every tap inside), [hi, extent) border.</summary>
    public static IEnumerable<(int Start, int Count, bool Border)> Ranges(int outExtent, int inExtent, int kernel, int stride, int dilation, int padBegin)
    {
        var lo = (int)Math.Clamp(CeilDiv(padBegin, stride), 0, outExtent);
        var hi = (int)Math.Clamp(FloorDiv(inExtent - 1 + padBegin - ((long)(kernel - 1) * dilation), stride) + 1, lo, outExtent);
        if (lo > 0)
        {
            yield return (0, lo, true);
        }

        if (hi > lo)
        {
            yield return (lo, hi - lo, false);
        }

        if (outExtent > hi)
        {
            yield return (hi, outExtent - hi, true);
        }
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private sealed class Emitter(
        GroupLowerer lowerer, Node node, ConvolutionProblem p, ConvolutionSchedule schedule, KernelBuffer source, KernelBuffer output,
        ElementType accumulator, long zeroPoint, long[] folded, bool legacyScale)
    {
        private readonly KernelBuilder _builder = lowerer.Builder;
        private readonly Func<Expr, Expr> _bias = lowerer.PerChannelTable("folded_bias", folded, accumulator);
        private readonly Func<Expr, Expr, Expr> _epilogue = AccumulatorEpilogue.Quantized(lowerer, node, accumulator, legacyScale);
        private readonly ImmutableArray<int> _inputShape = [p.Batch, p.InH, p.InW, p.InC];
        private readonly Dictionary<(int, int), Func<Expr, Expr>> _padding = [];

        /// <summary>Whether the loop nest being emitted uses sxtb16 and smlad (see <see cref="Emit"/>).</summary>
        private bool _dualMac;

        /// <summary>The workspace of expanded inputs (<see cref="ConvolutionSchedule.Expand"/>), made with the DSP nest.</summary>
        private KernelBuffer? _expansion;

        /// <summary>How many pixels' inputs the blocks being emitted read from <see cref="_expansion"/> (0: from the input).</summary>
        private int _expandedPixels;

        /// <summary>
        /// The whole loop nest; with DSP word groups, twice under <c>if target_has_dsp()</c>: the dual
        /// multiply-accumulate where the target has it, else the same sums one product at a time
        /// (the 16-bit halves taken from the same pair words), since Cortex-M3 and RISC-V would pay
        /// more for emulated sxtb16/smlad than for the products. One test per call, outside every
        /// loop, so each nest stays as simple as if it were alone.
        /// </summary>
        public void Emit()
        {
            var tables = new Dictionary<int, (KernelBuffer? Groups, KernelBuffer? Tail)>();
            if (!schedule.Dsp || p.Channelwise || Segments.Run < 4)
            {
                Nest(tables);
                return;
            }

            _dualMac = true;
            if (schedule.Expand)
            {
                var (rows, columns, run) = Segments;
                _expansion = lowerer.Workspace("x_halves", ElementType.I32, rows * columns * (run / 4) * schedule.Pixels * 2);
            }

            var dsp = _builder.Scoped(() => Nest(tables));
            _dualMac = false;
            var portable = _builder.Scoped(() => Nest(tables));
            _builder.Emit(new If(CallIntrinsic(Intrinsic.TargetHasDsp), dsp, portable));
        }

        private void Nest(Dictionary<int, (KernelBuffer? Groups, KernelBuffer? Tail)> tables)
        {
            var blocks = p.OutC / schedule.Unroll;
            var remainder = p.OutC % schedule.Unroll;
            foreach (var rows in Ranges(p.OutH, p.InH, p.KH, p.StrideH, p.DilationH, p.PadTop))
            {
                foreach (var columns in Ranges(p.OutW, p.InW, p.KW, p.StrideW, p.DilationW, p.PadLeft))
                {
                    // Border columns of a dense problem are emitted one column at a time, so that
                    // which kernel columns are inside is known when lowering (DenseBorder).
                    var staticColumns = columns.Border && RowBorderApplies;
                    _builder.Loop("n", p.Batch, n => _builder.Loop("oh", rows.Count, vh =>
                    {
                        var oh = IndexMath.Plus(vh, rows.Start);
                        if (staticColumns)
                        {
                            for (var k = 0; k < columns.Count; k++)
                            {
                                Pixel(n, oh, I32(columns.Start + k), (rows.Border, true), blocks, remainder, tables);
                            }

                            return;
                        }

                        if (schedule.Pixels == 2 && !rows.Border && !columns.Border && columns.Count >= 2)
                        {
                            // Interior outputs two columns at a time: each weight load feeds both.
                            _builder.Loop("ow", columns.Count / 2, vw => PixelPair(n, oh, IndexMath.Plus(IndexMath.Times(vw, 2), columns.Start), tables));
                            if (columns.Count % 2 == 1)
                            {
                                Pixel(n, oh, I32(columns.Start + columns.Count - 1), (false, false), blocks, remainder, tables);
                            }

                            return;
                        }

                        _builder.Loop("ow", columns.Count, vw => Pixel(n, oh, IndexMath.Plus(vw, columns.Start), (rows.Border, columns.Border), blocks, remainder, tables));
                    }));
                }
            }
        }

        /// <summary>
        /// Whether border outputs take <see cref="RowBorder"/>: dense problems whose kernel rows are one
        /// contiguous run. (Channelwise borders keep per-tap selects: measured on person_detect, row
        /// branches and per-column code were no faster there and cost flash.)
        /// </summary>
        private bool RowBorderApplies => !p.Channelwise && p.DilationW == 1;

        private void Pixel(
            Expr n, Expr oh, Expr ow, (bool Rows, bool Columns) border, int blocks, int remainder,
            Dictionary<int, (KernelBuffer? Groups, KernelBuffer? Tail)> tables)
        {
            var pixel = IndexMath.Linear([n, oh, ow], [p.Batch, p.OutH, p.OutW]);
            if (!(border.Rows || border.Columns))
            {
                ExpandInputs(n, oh, [ow]);
            }

            if (blocks > 0)
            {
                _builder.Loop("b", blocks, b => Block(n, oh, ow, pixel, border, b, IndexMath.Times(b, schedule.Unroll), schedule.Unroll, tables));
            }

            if (remainder > 0)
            {
                Block(n, oh, ow, pixel, border, I32(0), I32(blocks * schedule.Unroll), remainder, tables);
            }

            _expandedPixels = 0;
        }

        /// <summary>Two interior columns by blocks of <see cref="ConvolutionSchedule.Unroll"/> channels.</summary>
        private void PixelPair(Expr n, Expr oh, Expr ow, Dictionary<int, (KernelBuffer? Groups, KernelBuffer? Tail)> tables)
        {
            var pixel = IndexMath.Linear([n, oh, ow], [p.Batch, p.OutH, p.OutW]);
            var (blocks, remainder) = (p.OutC / schedule.Unroll, p.OutC % schedule.Unroll);
            ExpandInputs(n, oh, [ow, IndexMath.Plus(ow, 1)]);
            if (blocks > 0)
            {
                _builder.Loop("b", blocks, b => BlockPair(n, oh, ow, pixel, b, IndexMath.Times(b, schedule.Unroll), schedule.Unroll, tables));
            }

            if (remainder > 0)
            {
                BlockPair(n, oh, ow, pixel, I32(0), I32(blocks * schedule.Unroll), remainder, tables);
            }

            _expandedPixels = 0;
        }

        /// <summary>
        /// In the DSP nest of an expanding schedule, the interior outputs at columns <paramref name="ows"/>
        /// split their input words into 16-bit pair words once, before the channel blocks, which then
        /// read them instead of the input: workspace word ((segment · groups + g) · pixels + px) · 2
        /// is sxtb16(word g of the segment's run, 0), the next one sxtb16(…, 8).
        /// </summary>
        private void ExpandInputs(Expr n, Expr oh, IReadOnlyList<Expr> ows)
        {
            if (!_dualMac || _expansion is not { } halves || p.Channelwise)
            {
                return;
            }

            var (rows, columns, run) = Segments;
            var groups = run / 4;
            _builder.Loop("kh", rows, row => _builder.Loop("kw", columns, column =>
            {
                var origins = ows.Select(ow => SegmentOrigin(n, oh, ow, row, column)).ToArray();
                var first = IndexMath.Times(IndexMath.Plus(IndexMath.Times(row, columns), column), groups);
                _builder.Loop("g", groups, g =>
                {
                    for (var px = 0; px < origins.Length; px++)
                    {
                        var at = IndexMath.Plus(origins[px], IndexMath.Times(g, 4));
                        var word = _builder.Local("x4", CallIntrinsic(
                            Intrinsic.PackI8x4, [.. Enumerable.Range(0, 4).Select(b => (Expr)CastTo(ElementType.I32, new Load(source, IndexMath.Plus(at, b))))]));
                        var to = IndexMath.Times(IndexMath.Plus(IndexMath.Times(IndexMath.Plus(first, g), origins.Length), px), 2);
                        _builder.Emit(new Store(halves, to, CallIntrinsic(Intrinsic.Sxtb16, word, I32(0))));
                        _builder.Emit(new Store(halves, IndexMath.Plus(to, 1), CallIntrinsic(Intrinsic.Sxtb16, word, I32(8))));
                    }
                });
            }));
            _expandedPixels = ows.Count;
        }

        /// <summary>The input index where segment (<paramref name="row"/>, <paramref name="column"/>) of output (n, oh, ow) starts.</summary>
        private Expr SegmentOrigin(Expr n, Expr oh, Expr ow, Expr row, Expr column)
        {
            var y = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(oh, p.StrideH), -p.PadTop), IndexMath.Times(row, p.DilationH));
            var x = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(ow, p.StrideW), -p.PadLeft), IndexMath.Times(column, p.DilationW));
            return InputAt(n, y, x, I32(0));
        }

        private void BlockPair(Expr n, Expr oh, Expr ow, Expr pixel, Expr block, Expr first, int unroll, Dictionary<int, (KernelBuffer? Groups, KernelBuffer? Tail)> tables)
        {
            if (p.Channelwise)
            {
                ChannelwisePair(n, oh, ow, pixel, first, unroll);
                return;
            }

            var left = Enumerable.Range(0, unroll).Select(j => _builder.Local("acc", _bias(IndexMath.Plus(first, j)))).ToArray();
            var right = Enumerable.Range(0, unroll).Select(j => _builder.Local("acc", _bias(IndexMath.Plus(first, j)))).ToArray();
            var table = Table(unroll, tables);
            var (rows, columns, _) = Segments;
            _builder.Loop("kh", rows, row => _builder.Loop("kw", columns, column =>
            {
                var local = IndexMath.Plus(IndexMath.Times(row, columns), column);
                var segment = IndexMath.Plus(IndexMath.Times(block, rows * columns), local);
                Segment([(SegmentOrigin(n, oh, ow, row, column), left), (SegmentOrigin(n, oh, IndexMath.Plus(ow, 1), row, column), right)], segment, local, table);
            }));
            for (var j = 0; j < unroll; j++)
            {
                var channel = IndexMath.Plus(first, j);
                _builder.Emit(new Store(output, IndexMath.Plus(IndexMath.Times(pixel, p.OutC), channel), Registers.Narrow(output.ElementType, _epilogue(left[j], channel))));
                _builder.Emit(new Store(output, IndexMath.Plus(IndexMath.Times(IndexMath.Plus(pixel, 1), p.OutC), channel), Registers.Narrow(output.ElementType, _epilogue(right[j], channel))));
            }
        }

        private (KernelBuffer? Groups, KernelBuffer? Tail) Table(int unroll, Dictionary<int, (KernelBuffer? Groups, KernelBuffer? Tail)> tables)
        {
            var start = p.OutC - (p.OutC % schedule.Unroll);
            var (firstChannel, count) = unroll == schedule.Unroll ? (0, start) : (start, unroll);
            if (!tables.TryGetValue(unroll, out var table))
            {
                table = Tables(firstChannel, count, unroll);
                tables[unroll] = table;
            }

            return table;
        }

        /// <summary>Interior channelwise outputs at columns ow and ow + 1 for channels [first, first + unroll): one weight load per tap and channel, two products.</summary>
        private void ChannelwisePair(Expr n, Expr oh, Expr ow, Expr pixel, Expr first, int unroll)
        {
            var left = Enumerable.Range(0, unroll).Select(j => _builder.Local("acc", _bias(IndexMath.Plus(first, j)))).ToArray();
            var right = Enumerable.Range(0, unroll).Select(j => _builder.Local("acc", _bias(IndexMath.Plus(first, j)))).ToArray();
            _builder.Loop("kh", p.KH, row => _builder.Loop("kw", p.KW, column =>
            {
                var y = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(oh, p.StrideH), -p.PadTop), IndexMath.Times(row, p.DilationH));
                var x = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(ow, p.StrideW), -p.PadLeft), IndexMath.Times(column, p.DilationW));
                for (var j = 0; j < unroll; j++)
                {
                    var channel = IndexMath.Plus(first, j);
                    var input = IndexMath.Quotient(channel, p.Multiplier);
                    var weight = _builder.Local("wv", WeightAt(channel, row, column, I32(0)));
                    Accumulate(left[j], Mul(Widened(new Load(source, InputAt(n, y, x, input))), weight));
                    Accumulate(right[j], Mul(Widened(new Load(source, InputAt(n, y, IndexMath.Plus(x, p.StrideW), input))), weight));
                }
            }));
            for (var j = 0; j < unroll; j++)
            {
                var channel = IndexMath.Plus(first, j);
                _builder.Emit(new Store(output, IndexMath.Plus(IndexMath.Times(pixel, p.OutC), channel), Registers.Narrow(output.ElementType, _epilogue(left[j], channel))));
                _builder.Emit(new Store(output, IndexMath.Plus(IndexMath.Times(IndexMath.Plus(pixel, 1), p.OutC), channel), Registers.Narrow(output.ElementType, _epilogue(right[j], channel))));
            }
        }

        private void Block(
            Expr n, Expr oh, Expr ow, Expr pixel, (bool Rows, bool Columns) border, Expr block, Expr first, int unroll,
            Dictionary<int, (KernelBuffer? Groups, KernelBuffer? Tail)> tables)
        {
            var accumulators = Enumerable.Range(0, unroll).Select(j => _builder.Local("acc", _bias(IndexMath.Plus(first, j)))).ToArray();
            if (p.Channelwise)
            {
                if (!(border.Rows || border.Columns))
                {
                    Channelwise(n, oh, ow, first, accumulators);
                }
                else
                {
                    Border(n, oh, ow, border, first, accumulators);
                }
            }
            else
            {
                var table = Table(unroll, tables);
                if (!(border.Rows || border.Columns))
                {
                    Dense(n, oh, ow, block, accumulators, table);
                }
                else if (RowBorderApplies && (!border.Columns || ow is IntImm))
                {
                    RowBorder(n, oh, ow, border.Rows, block, first, accumulators, table);
                }
                else
                {
                    Border(n, oh, ow, border, first, accumulators);
                }
            }

            for (var j = 0; j < unroll; j++)
            {
                var channel = IndexMath.Plus(first, j);
                var value = _epilogue(accumulators[j], channel);
                _builder.Emit(new Store(output, IndexMath.Plus(IndexMath.Times(pixel, p.OutC), channel), Registers.Narrow(output.ElementType, value)));
            }
        }

        /// <summary>Segments of the reduction: per kernel row one run of KW·IC contiguous inputs, or per tap one run of IC when columns are dilated.</summary>
        private (int Rows, int Columns, int Run) Segments => ConvolutionSchedule.Segments(p);

        /// <summary>
        /// The weight tables of the channel blocks [first, first + count) in blocks of <paramref name="unroll"/>:
        /// per block, kernel row (and column) and word group, the <paramref name="unroll"/> channels' four
        /// weights, as 16-bit pairs (even: weights 0, 2; odd: 1, 3) or as the four int8 weights in order,
        /// whose word's sxtb16 at rotations 0 and 8 are those same pairs; then the tails, one i8 per weight.
        /// </summary>
        private (KernelBuffer? Groups, KernelBuffer? Tail) Tables(int first, int count, int unroll)
        {
            var (rows, columns, run) = Segments;
            long Weight(int channel, int row, int column, int t) => p.Weight(channel, row, column + (t / p.InC), t % p.InC);
            var groups = schedule.Dsp ? run / 4 : 0;
            var tail = run - (4 * groups);
            var packed = schedule.Weights == DspWeightLayout.PackedI8;
            var words = new List<long>();
            var rest = new List<long>();
            for (var c0 = first; c0 < first + count; c0 += unroll)
            {
                for (var row = 0; row < rows; row++)
                {
                    for (var column = 0; column < columns; column++)
                    {
                        for (var g = 0; g < groups; g++)
                        {
                            for (var j = 0; j < unroll; j++)
                            {
                                if (packed)
                                {
                                    for (var k = 0; k < 4; k++)
                                    {
                                        words.Add(Weight(c0 + j, row, column, (4 * g) + k));
                                    }

                                    continue;
                                }

                                words.Add(PackedWords.PackI16x2((int)Weight(c0 + j, row, column, 4 * g), (int)Weight(c0 + j, row, column, (4 * g) + 2)));
                                words.Add(PackedWords.PackI16x2((int)Weight(c0 + j, row, column, (4 * g) + 1), (int)Weight(c0 + j, row, column, (4 * g) + 3)));
                            }
                        }

                        for (var t = 4 * groups; t < run; t++)
                        {
                            for (var j = 0; j < unroll; j++)
                            {
                                rest.Add(Weight(c0 + j, row, column, t));
                            }
                        }
                    }
                }
            }

            var suffix = first == 0 ? string.Empty : "_rest";
            return (
                words.Count == 0 ? null
                    : packed ? lowerer.Table("weights_packed" + suffix, ElementType.I8, words)
                    : lowerer.Table("weight_pairs" + suffix, ElementType.I32, words),
                rest.Count == 0 ? null : lowerer.Table("weights_reordered" + suffix, ElementType.I8, rest));
        }

        private Expr InputAt(Expr n, Expr y, Expr x, Expr channel) => IndexMath.Linear([n, y, x, channel], _inputShape);

        private Expr Widened(Expr element) => element.Type == accumulator ? element : CastTo(accumulator, element);

        private void Accumulate(Var accumulator, Expr product) =>
            _builder.Emit(new Assign(accumulator, Add(accumulator, product)));

        private void Dense(Expr n, Expr oh, Expr ow, Expr block, Var[] accumulators, (KernelBuffer? Groups, KernelBuffer? Tail) table)
        {
            var (rows, columns, _) = Segments;
            _builder.Loop("kh", rows, row => _builder.Loop("kw", columns, column =>
            {
                var local = IndexMath.Plus(IndexMath.Times(row, columns), column);
                var segment = IndexMath.Plus(IndexMath.Times(block, rows * columns), local);
                Segment([(SegmentOrigin(n, oh, ow, row, column), accumulators)], segment, local, table);
            }));
        }

        /// <summary>
        /// One segment (a kernel row's run of inputs) for one or more output pixels at once: DSP word
        /// groups, then the tail, each with its re-laid weights; each weight load feeds every pixel.
        /// <paramref name="segment"/> numbers the segment among all blocks' (the weight tables),
        /// <paramref name="local"/> within one block (the expanded inputs).
        /// </summary>
        private void Segment(IReadOnlyList<(Expr Origin, Var[] Accumulators)> pixels, Expr segment, Expr local, (KernelBuffer? Groups, KernelBuffer? Tail) table)
        {
            var run = Segments.Run;
            var unroll = pixels[0].Accumulators.Length;
            var groups = table.Groups is null ? 0 : run / 4;
            var tail = run - (4 * groups);
            Expr Shared(string hint, Expr value) => pixels.Count > 1 ? _builder.Local(hint, value) : value;
            if (table.Groups is { } words)
            {
                Groups(pixels, segment, local, words, groups, _dualMac);
            }

            if (tail == 0)
            {
                return;
            }

            var rest = table.Tail!;
            _builder.Loop("t", tail, t =>
            {
                var xs = pixels.Select(pixel => _builder.Local("xv", Widened(new Load(source, IndexMath.Plus(IndexMath.Plus(pixel.Origin, 4 * groups), t))))).ToArray();
                var restAt = IndexMath.Times(IndexMath.Plus(IndexMath.Times(segment, tail), t), unroll);
                for (var j = 0; j < unroll; j++)
                {
                    var w = Shared("wv", Widened(new Load(rest, IndexMath.Plus(restAt, j))));
                    for (var px = 0; px < pixels.Count; px++)
                    {
                        Accumulate(pixels[px].Accumulators[j], Mul(xs[px], w));
                    }
                }
            });
        }

        /// <summary>
        /// The word groups of a segment: with sxtb16 and smlad, or with one product per input and
        /// weight. Each channel's four weights are two 16-bit pair words (<see cref="DspWeightLayout.Pairs"/>)
        /// or one word of four int8 (<see cref="DspWeightLayout.PackedI8"/>: one load, split by sxtb16
        /// like the inputs; the portable nest reads its four bytes).
        /// </summary>
        private void Groups(IReadOnlyList<(Expr Origin, Var[] Accumulators)> pixels, Expr segment, Expr local, KernelBuffer weights, int groups, bool dualMac)
        {
            var expanded = dualMac && _expandedPixels > 0 ? _expansion : null;
            System.Diagnostics.Debug.Assert(expanded is null || _expandedPixels == pixels.Count, "the blocks read the pixels that were expanded");
            var unroll = pixels[0].Accumulators.Length;
            var packed = schedule.Weights == DspWeightLayout.PackedI8;
            Expr Shared(string hint, Expr value) => pixels.Count > 1 || !dualMac ? _builder.Local(hint, value) : value;
            Expr Byte(Expr at, int k) => CastTo(ElementType.I32, new Load(weights, IndexMath.Plus(at, k)));

            // Two groups per iteration when they divide evenly: half the loop overhead. (Packed
            // weights only with expanded inputs: splitting the input words too makes gcc spill
            // accumulators in the unrolled loop; loading their halves leaves it enough registers.)
            var step = (!packed || expanded is not null) && groups % 2 == 0 && groups > 4 ? 2 : 1;
            _builder.Loop("g", groups / step, outer =>
            {
                for (var k = 0; k < step; k++)
                {
                    var g = IndexMath.Plus(IndexMath.Times(outer, step), k);
                    // The block's words for this group: 2 per channel (pairs) or 4 bytes per channel (packed).
                    var weightsAt = IndexMath.Times(IndexMath.Plus(IndexMath.Times(segment, groups), g), 4 * unroll / (packed ? 1 : 2));
                    if (dualMac)
                    {
                        var halves = pixels.Select((pixel, px) =>
                        {
                            if (expanded is not null)
                            {
                                // Expanded once per output by ExpandInputs: two loads, no sxtb16.
                                var from = IndexMath.Times(IndexMath.Plus(IndexMath.Times(IndexMath.Plus(IndexMath.Times(local, groups), g), pixels.Count), px), 2);
                                return (Even: _builder.Local("x_even", new Load(expanded, from)), Odd: _builder.Local("x_odd", new Load(expanded, IndexMath.Plus(from, 1))));
                            }

                            var at = IndexMath.Plus(pixel.Origin, IndexMath.Times(g, 4));
                            var word = _builder.Local("x4", CallIntrinsic(
                                Intrinsic.PackI8x4, [.. Enumerable.Range(0, 4).Select(b => (Expr)CastTo(ElementType.I32, new Load(source, IndexMath.Plus(at, b))))]));
                            return (Even: _builder.Local("x_even", CallIntrinsic(Intrinsic.Sxtb16, word, I32(0))), Odd: _builder.Local("x_odd", CallIntrinsic(Intrinsic.Sxtb16, word, I32(8))));
                        }).ToArray();
                        for (var j = 0; j < unroll; j++)
                        {
                            // The channel's even pair (weights 0, 2) and odd pair (weights 1, 3).
                            Expr low, high;
                            if (packed)
                            {
                                var at = IndexMath.Plus(weightsAt, 4 * j);
                                var word = _builder.Local("w4", CallIntrinsic(Intrinsic.PackI8x4, [.. Enumerable.Range(0, 4).Select(b => Byte(at, b))]));
                                (low, high) = (Shared("w_even", CallIntrinsic(Intrinsic.Sxtb16, word, I32(0))), Shared("w_odd", CallIntrinsic(Intrinsic.Sxtb16, word, I32(8))));
                            }
                            else
                            {
                                low = Shared("w_even", new Load(weights, IndexMath.Plus(weightsAt, 2 * j)));
                                high = Shared("w_odd", new Load(weights, IndexMath.Plus(weightsAt, (2 * j) + 1)));
                            }

                            for (var px = 0; px < pixels.Count; px++)
                            {
                                var a = pixels[px].Accumulators[j];
                                _builder.Emit(new Assign(a, CallIntrinsic(Intrinsic.Smlad, halves[px].Odd, high, CallIntrinsic(Intrinsic.Smlad, halves[px].Even, low, a))));
                            }
                        }

                        continue;
                    }

                    var inputs = pixels.Select(pixel =>
                    {
                        var at = IndexMath.Plus(pixel.Origin, IndexMath.Times(g, 4));
                        return Enumerable.Range(0, 4).Select(b => _builder.Local("xv", CastTo(ElementType.I32, new Load(source, IndexMath.Plus(at, b))))).ToArray();
                    }).ToArray();
                    for (var j = 0; j < unroll; j++)
                    {
                        Expr[] taps;
                        if (packed)
                        {
                            var at = IndexMath.Plus(weightsAt, 4 * j);
                            taps = [.. Enumerable.Range(0, 4).Select(b => Shared($"w{b}", Byte(at, b)))];
                        }
                        else
                        {
                            var even = Shared("w_even", new Load(weights, IndexMath.Plus(weightsAt, 2 * j)));
                            var odd = Shared("w_odd", new Load(weights, IndexMath.Plus(weightsAt, (2 * j) + 1)));
                            // Inputs 0, 2 pair with the even word's halves, 1, 3 with the odd word's.
                            taps =
                            [
                                Shared("w0", CastTo(ElementType.I32, CastTo(ElementType.I16, even))),
                                Shared("w1", CastTo(ElementType.I32, CastTo(ElementType.I16, odd))),
                                Shared("w2", Shr(even, I32(16))),
                                Shared("w3", Shr(odd, I32(16))),
                            ];
                        }

                        for (var px = 0; px < pixels.Count; px++)
                        {
                            for (var b = 0; b < 4; b++)
                            {
                                Accumulate(pixels[px].Accumulators[j], Mul(inputs[px][b], taps[b]));
                            }
                        }
                    }
                }
            });
        }

        /// <summary>
        /// A dense border output without per-tap selects: per kernel row, a row outside the input
        /// adds its compile-time padding term zx·Σw instead of reading (an <c>if</c> on the row); a
        /// row inside runs its whole segment (DSP groups) when every column is inside, else the
        /// inside columns (known: <paramref name="ow"/> is an immediate there) and the padding
        /// term of the others.
        /// </summary>
        private void RowBorder(Expr n, Expr oh, Expr ow, bool rowsGuarded, Expr block, Expr first, Var[] accumulators, (KernelBuffer? Groups, KernelBuffer? Tail) table)
        {
            var x0 = IndexMath.Plus(IndexMath.Times(ow, p.StrideW), -p.PadLeft);
            var (a, b) = (0, p.KW - 1);
            if (ow is IntImm { Value: var column0 })
            {
                var x = ((int)column0 * p.StrideW) - p.PadLeft;
                (a, b) = ((int)Math.Max(0, CeilDiv(-x, p.DilationW)), (int)Math.Min(p.KW - 1, FloorDiv(p.InW - 1 - x, p.DilationW)));
            }

            var full = a == 0 && b == p.KW - 1;
            var rowPadding = rowsGuarded ? Padding(0, -1) : null;
            var columnPadding = full ? null : Padding(a, b);
            void AddPadding(Func<Expr, Expr> padding, Expr row)
            {
                for (var j = 0; j < accumulators.Length; j++)
                {
                    var term = padding(IndexMath.Plus(IndexMath.Times(row, p.OutC), IndexMath.Plus(first, j)));
                    if (term is not IntImm { Value: 0 })
                    {
                        Accumulate(accumulators[j], term);
                    }
                }
            }

            _builder.Loop("kh", p.KH, row =>
            {
                var y = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(oh, p.StrideH), -p.PadTop), IndexMath.Times(row, p.DilationH));
                var inside = rowsGuarded ? Clamp(y, I32(0), I32(p.InH - 1)) : y;
                void Inside()
                {
                    if (full)
                    {
                        Segment([(InputAt(n, inside, x0, I32(0)), accumulators)], IndexMath.Plus(IndexMath.Times(block, p.KH), row), row, table);
                        return;
                    }

                    if (b >= a)
                    {
                        _builder.Loop("kw", b - a + 1, kw => _builder.Loop("ic", p.InC, ic =>
                        {
                            var column = IndexMath.Plus(kw, a);
                            var xv = _builder.Local("xv", Widened(new Load(source, InputAt(n, inside, IndexMath.Plus(x0, column), ic))));
                            for (var j = 0; j < accumulators.Length; j++)
                            {
                                Accumulate(accumulators[j], Mul(xv, WeightAt(IndexMath.Plus(first, j), row, column, ic)));
                            }
                        }));
                    }

                    if (columnPadding is not null)
                    {
                        AddPadding(columnPadding, row);
                    }
                }

                if (!rowsGuarded)
                {
                    Inside();
                    return;
                }

                var then = _builder.Scoped(Inside);
                var otherwise = _builder.Scoped(() => AddPadding(rowPadding!, row));
                _builder.Emit(new If(And(Ge(y, I32(0)), Lt(y, I32(p.InH))), then, otherwise is Block { Statements.Length: 0 } ? null : otherwise));
            });
        }

        /// <summary>zx·Σ w[c, kh, kw, ic] over the kernel columns outside [a, b], per (kh, c) at kh·OutC + c; made once per column range.</summary>
        private Func<Expr, Expr> Padding(int a, int b)
        {
            var key = (a, b);
            if (_padding.TryGetValue(key, out var known))
            {
                return known;
            }

            var values = new long[p.KH * p.OutC];
            for (var row = 0; row < p.KH; row++)
            {
                for (var c = 0; c < p.OutC; c++)
                {
                    long sum = 0;
                    for (var column = 0; column < p.KW; column++)
                    {
                        for (var ic = 0; ic < p.ReducedChannels; ic++)
                        {
                            sum += column < a || column > b ? p.Weight(c, row, column, ic) : 0;
                        }
                    }

                    values[(row * p.OutC) + c] = zeroPoint * sum;
                }
            }

            var table = lowerer.PerChannelTable("padding_terms", values, accumulator);
            _padding[key] = table;
            return table;
        }

        private void Channelwise(Expr n, Expr oh, Expr ow, Expr first, Var[] accumulators) =>
            _builder.Loop("kh", p.KH, row => _builder.Loop("kw", p.KW, column =>
            {
                var y = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(oh, p.StrideH), -p.PadTop), IndexMath.Times(row, p.DilationH));
                var x = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(ow, p.StrideW), -p.PadLeft), IndexMath.Times(column, p.DilationW));
                for (var j = 0; j < accumulators.Length; j++)
                {
                    var channel = IndexMath.Plus(first, j);
                    var xv = Widened(new Load(source, InputAt(n, y, x, IndexMath.Quotient(channel, p.Multiplier))));
                    Accumulate(accumulators[j], Mul(xv, WeightAt(channel, row, column, I32(0))));
                }
            }));

        private Expr WeightAt(Expr channel, Expr row, Expr column, Expr inputChannel) =>
            Widened(lowerer.ValueAt(node.Operands[1], p.WeightIndex(channel, row, column, inputChannel)));

        /// <summary>Every tap, the input read at a clamped index and replaced by the zero point where the tap is padding.</summary>
        private void Border(Expr n, Expr oh, Expr ow, (bool Rows, bool Columns) border, Expr first, Var[] accumulators) =>
            _builder.Loop("kh", p.KH, row => _builder.Loop("kw", p.KW, column =>
            {
                var y = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(oh, p.StrideH), -p.PadTop), IndexMath.Times(row, p.DilationH));
                var x = IndexMath.Plus(IndexMath.Plus(IndexMath.Times(ow, p.StrideW), -p.PadLeft), IndexMath.Times(column, p.DilationW));
                Expr? inside = null;
                if (border.Rows)
                {
                    inside = And(Ge(y, I32(0)), Lt(y, I32(p.InH)));
                    y = Clamp(y, I32(0), I32(p.InH - 1));
                }

                if (border.Columns)
                {
                    Expr inColumns = And(Ge(x, I32(0)), Lt(x, I32(p.InW)));
                    inside = inside is null ? inColumns : And(inside, inColumns);
                    x = Clamp(x, I32(0), I32(p.InW - 1));
                }

                // Inline rather than a local: once the tap loops are unrolled, simplify folds the select.
                var guard = inside!;
                var padding = Imm(zeroPoint, accumulator);
                if (p.Channelwise)
                {
                    for (var j = 0; j < accumulators.Length; j++)
                    {
                        var channel = IndexMath.Plus(first, j);
                        var xv = new Select(guard, Widened(new Load(source, InputAt(n, y, x, IndexMath.Quotient(channel, p.Multiplier)))), padding);
                        Accumulate(accumulators[j], Mul(xv, WeightAt(channel, row, column, I32(0))));
                    }

                    return;
                }

                _builder.Loop("ic", p.InC, ic =>
                {
                    var xv = _builder.Local("xv", new Select(guard, Widened(new Load(source, InputAt(n, y, x, ic))), padding));
                    for (var j = 0; j < accumulators.Length; j++)
                    {
                        Accumulate(accumulators[j], Mul(xv, WeightAt(IndexMath.Plus(first, j), row, column, ic)));
                    }
                });
            }));
    }
}
