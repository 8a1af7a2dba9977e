namespace MicroTvm.Passes;

/// <summary>
/// How <c>lower-to-kernels</c> stores the int8 weights of a dense convolution or fully-connected
/// layer for the dual 16-bit multiply-accumulate (<c>smlad</c>) of DSP targets (option
/// <c>dsp-weights</c>). Both layouts compute the same sums and both serve the portable loop nest
/// of targets without DSP; they trade flash for instructions. The first member is the default.
/// </summary>
public enum DspWeightLayout
{
    /// <summary>
    /// Per layer, <see cref="PackedI8"/> where its schedule expands the inputs once per output
    /// (many channel blocks: there the unpacking costs a few percent, measured 1% over person_detect,
    /// whose weights are nearly all in such layers) and on targets without DSP (where packing costs
    /// nothing); else <see cref="Pairs"/> (few channel blocks, where unpacking every weight word costs
    /// up to a third more instructions: micro_speech's convolution). The default.
    /// </summary>
    Auto,

    /// <summary>
    /// Each int8 weight stored once, in the order the inner loop reads them, four to a word; the
    /// loop loads the word and splits it into the two 16-bit pairs with <c>sxtb16</c> (rotations 0
    /// and 8, which line up with the input's split), as CMSIS-NN's read-and-pad does: the weights
    /// take their int8 size in flash (person_detect: 304 KB of firmware instead of 503 KB), for one
    /// load and two <c>sxtb16</c> instead of two loads per four weights and output channel. With
    /// the inputs expanded once per output (<c>inputs=expanded</c>) it is within a few percent of
    /// <see cref="Pairs"/> (person_detect on Cortex-M4: 13.6 M instructions against 13.4 M).
    /// </summary>
    PackedI8,

    /// <summary>
    /// Each weight sign-extended to 16 bits at compile time, two to a word, ready for <c>smlad</c>:
    /// no unpacking in the inner loop, but twice the flash of the int8 weights; the fastest.
    /// </summary>
    Pairs,
}
