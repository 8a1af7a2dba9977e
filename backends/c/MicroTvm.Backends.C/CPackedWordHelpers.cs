using System.Text.RegularExpressions;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.C;

/// <summary>
/// C for the packed-word intrinsics (pack_i8x4, sxtb16, smlad, target_has_dsp; docs/kernel-ir.md): static inline
/// helpers placed once at the top of a source file whose kernels use them. Under
/// <c>__ARM_FEATURE_DSP</c> (Cortex-M4/M7/M33/M55) they are the ACLE intrinsics (SXTB16, SMLAD);
/// elsewhere portable C with the same results. Four loads of consecutive bytes packed into a
/// word become one little-endian word load (<c>mtvm_load_i8x4</c>: an unaligned 32-bit load on
/// little-endian gcc targets, the bytes composed elsewhere).
/// </summary>
internal static partial class CPackedWordHelpers
{
    public const string Text = """
        /* Packed-word helpers of the kernel IR's pack_i8x4, sxtb16 and smlad (docs/kernel-ir.md). */
        static inline uint32_t mtvm_ror32_(uint32_t x, int32_t rotation)
        {
            return rotation == 0 ? x : (x >> (rotation & 31)) | (x << ((32 - rotation) & 31));
        }

        static inline int32_t mtvm_pack_i8x4(int32_t b0, int32_t b1, int32_t b2, int32_t b3)
        {
            return (int32_t)(((uint32_t)b0 & 0xFFu) | (((uint32_t)b1 & 0xFFu) << 8) |
                             (((uint32_t)b2 & 0xFFu) << 16) | (((uint32_t)b3 & 0xFFu) << 24));
        }

        static inline int32_t mtvm_load_i8x4(const void* p)
        {
        #if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            uint32_t word;
            __builtin_memcpy(&word, p, 4);
            return (int32_t)word;
        #else
            const uint8_t* b = (const uint8_t*)p;
            return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
        #endif
        }

        #if defined(__ARM_FEATURE_DSP)
        #include <arm_acle.h>
        static inline uint8_t mtvm_target_has_dsp(void) { return 1u; }

        static inline int32_t mtvm_sxtb16(int32_t x, int32_t rotation)
        {
        #if defined(__GNUC__)
            if (__builtin_constant_p(rotation) && rotation == 8) {
                uint32_t result;
                __asm__("sxtb16 %0, %1, ror #8" : "=r"(result) : "r"(x));
                return (int32_t)result;
            }
        #endif
            return (int32_t)__sxtb16(mtvm_ror32_((uint32_t)x, rotation));
        }

        static inline int32_t mtvm_smlad(int32_t a, int32_t b, int32_t acc)
        {
            return (int32_t)__smlad(a, b, acc);
        }
        #else
        static inline uint8_t mtvm_target_has_dsp(void) { return 0u; }

        static inline int32_t mtvm_sxtb16(int32_t x, int32_t rotation)
        {
            const uint32_t y = mtvm_ror32_((uint32_t)x, rotation);
            const uint32_t low = (uint32_t)(int32_t)(int8_t)(y & 0xFFu) & 0xFFFFu;
            const uint32_t high = (uint32_t)(int32_t)(int8_t)((y >> 16) & 0xFFu);
            return (int32_t)(low | (high << 16));
        }

        static inline int32_t mtvm_smlad(int32_t a, int32_t b, int32_t acc)
        {
            /* Wrapping unsigned sums: the exact result fits (kernel IR), the partial sums need not. */
            const int32_t low = (int32_t)(int16_t)(a & 0xFFFF) * (int32_t)(int16_t)(b & 0xFFFF);
            const int32_t high = (a >> 16) * (b >> 16);
            return (int32_t)((uint32_t)acc + (uint32_t)low + (uint32_t)high);
        }
        #endif

        """;

    /// <summary>Whether emitted C calls any of the helpers.</summary>
    public static bool IsUsedBy(string code) => Uses().IsMatch(code);

    public static string Function(Intrinsic intrinsic) => intrinsic switch
    {
        Intrinsic.PackI8x4 => "mtvm_pack_i8x4",
        Intrinsic.Sxtb16 => "mtvm_sxtb16",
        Intrinsic.Smlad => "mtvm_smlad",
        Intrinsic.TargetHasDsp => "mtvm_target_has_dsp",
        _ => throw new ArgumentOutOfRangeException(nameof(intrinsic), intrinsic, "not a packed-word intrinsic"),
    };

    /// <summary>
    /// The buffer and first index when the four arguments of a pack_i8x4 are widened loads of
    /// elements e, e+1, e+2, e+3 of one i8/u8 buffer (e's affine form, plus 1, 2, 3).
    /// </summary>
    public static (KernelBuffer Buffer, Expr Index)? ConsecutiveBytes(Call call)
    {
        if (call.Intrinsic != Intrinsic.PackI8x4 || call.Arguments[0] is not Cast { Value: Load { Buffer.ElementType: IR.ElementType.I8 or IR.ElementType.U8 } first }
            || AffineForm.TryCreate(first.Index) is not { } origin)
        {
            return null;
        }

        for (var k = 1; k < 4; k++)
        {
            if (call.Arguments[k] is not Cast { Value: Load load } || load.Buffer != first.Buffer
                || AffineForm.TryCreate(load.Index) is not { } form || form.Constant - origin.Constant != k
                || !form.Coefficients.SequenceEqual(origin.Coefficients))
            {
                return null;
            }
        }

        return (first.Buffer, first.Index);
    }

    [GeneratedRegex(@"\bmtvm_(pack_i8x4|load_i8x4|sxtb16|smlad|target_has_dsp)\(")]
    private static partial Regex Uses();
}
