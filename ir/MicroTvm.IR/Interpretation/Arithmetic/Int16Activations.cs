namespace MicroTvm.IR.Interpretation;

/// <summary>
/// TFLite's int16 logistic and tanh (reference_integer_ops, the LSTM's gate nonlinearities):
/// a 256-entry table of σ on [0, 10.7) in Q16, linearly interpolated on the absolute input and
/// mirrored for negative inputs (tanh(x) = 2σ(2x) − 1). The table is part of the ops' definition
/// (their results are its values), so it is TFLite's, entry for entry. Public because the
/// lowering puts the same table into kernels.
/// </summary>
public static class Int16Activations
{
    /// <summary>TFLite's sigmoid_table_uint16: σ(i / 24) in Q16, to within a unit (entry 255 is 65535).</summary>
    public static ReadOnlySpan<ushort> SigmoidTable =>
    [
        32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
        43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
        51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
        57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
        61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
        63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
        64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
        64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
        65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
        65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
        65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
        65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
        65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
        65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
        65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
        65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
    ];

    /// <summary>
    /// The rescaled input of both functions: with a multiplier of 0 (a power-of-two input scale)
    /// the multiplier is 3 · 2^shift and the shift 0; then (x·multiplier + rounding) >> shift.
    /// </summary>
    public static (int Multiplier, int Shift) Effective(int multiplier, int shift) => multiplier == 0 ? (3 << shift, 0) : (multiplier, shift);

    /// <summary>int16 logistic of <paramref name="x"/>; the result is in [0, 32767] (Q0.15), or −32768 where TFLite's cast wraps at the top of the table.</summary>
    public static short Logistic(short x, int multiplier, int shift)
    {
        var input = Rescale(x, multiplier, shift);
        var magnitude = (uint)Math.Abs(input);
        var high = magnitude >> 9;
        uint result;
        if (high >= 255)
        {
            result = 0x7FFFu << 10;
        }
        else
        {
            var (a, b) = ((uint)SigmoidTable[(int)high], (uint)SigmoidTable[(int)high + 1]);
            result = (a << 9) + ((magnitude & 0x1FF) * (b - a));
        }

        result = input >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1;
        return unchecked((short)(result >> 10));
    }

    /// <summary>int16 tanh of <paramref name="x"/> (Q0.15 result).</summary>
    public static short Tanh(short x, int multiplier, int shift)
    {
        var input = Rescale(x, multiplier, shift);
        var magnitude = Math.Abs(input);
        var high = magnitude >> 8;
        int result;
        if (high >= 255)
        {
            result = 0xFFFF << 8;
        }
        else
        {
            var (a, b) = ((int)SigmoidTable[high], (int)SigmoidTable[high + 1]);
            result = (a << 8) + ((magnitude & 0xFF) * (b - a));
        }

        result = input >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
        return unchecked((short)(result >> 8));
    }

    private static int Rescale(short x, int multiplier, int shift)
    {
        var (m, s) = Effective(multiplier, shift);
        var rounding = s > 0 ? 1 << (s - 1) : 0;
        return ((x * m) + rounding) >> s;
    }
}
