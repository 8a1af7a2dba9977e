using MicroTvm.IR;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.Backends.C.Tests;

public sealed class CKernelEmitterTests
{
    [Fact]
    public void EmitsConstantsAsAlignedStaticArrays()
    {
        const string expected = """
            static const int8_t fused_dense_w[24] __attribute__((aligned(16))) = {
                -127, -90, -53, -16, 21, 58, 95, -123, -86, -49, -12, 25, 62, 99, -119, -82,
                -45, -8, 29, 66, 103, -115, -78, -41,
            };

            static const int32_t fused_dense_bias[3] = {
                100, -1, INT32_MIN,
            };

            static mtvm_status_t fused_dense(const int8_t* restrict x, int8_t* restrict y)
            {
                for (int32_t u = 0; u < 3; ++u) {
                    int32_t acc = fused_dense_bias[u];
                    #pragma GCC unroll 8
                    for (int32_t i = 0; i < 8; ++i) {
                        acc = acc + ((int32_t)x[i] + 128) * (int32_t)fused_dense_w[u * 8 + i];
                    }
                    y[u] = (int8_t)mtvm_clamp_i32(mtvm_multiply_by_quantized_multiplier(acc, 1518500250, -7) - 128, -128, 127);
                }
                return MTVM_OK;
            }

            """;
        Assert.Equal(expected, CKernelEmitter.Emit(SampleKernels.Dense(), new CEmitOptions { ConstantData = SampleKernels.DenseConstants() }));
    }

    [Fact]
    public void EmitsAnExternalFunctionWithEveryBufferAsAParameter()
    {
        const string expected = """
            mtvm_status_t fused_dense(
                const int8_t* restrict x,
                const int8_t* restrict w,
                const int32_t* restrict bias,
                int8_t* restrict y)
            {
            """;
        Assert.StartsWith(expected, CKernelEmitter.Emit(SampleKernels.Dense(), new CEmitOptions { Static = false }));
    }

    [Fact]
    public void EmitsEveryConstruct()
    {
        const string expected = """
            static mtvm_status_t everything(
                const float* restrict in,
                const uint8_t* restrict flags,
                const int64_t* restrict wide,
                int16_t* restrict out_0,
                float* restrict scratch,
                const uint8_t* restrict unused)
            {
                (void)unused;
                int32_t sum = INT32_MIN;
                for (int32_t i = 0; i < 4; ++i) {
                    float float_ = mtvm_max_f32(mtvm_min_f32(in[i], 6.0f), -0.0f);
                    uint8_t b = flags[i] || !(float_ < NAN);
                    int64_t n = wide[i % 2] + (INT64_C(1) << INT64_C(40));
                    scratch[i] = expf(float_) / (1.0f + tanhf(-1.5f));
                    if (b && ((float_ != 0.0f) != (n != 0))) {
                        sum = mtvm_max_i32(sum, mtvm_multiply_by_quantized_multiplier_int64(n, 1073741824, -3));
                    } else {
                        sum = 7 - (-3 - (sum ^ (i >> 1)));
                    }
                    out_0[3 - i] = (int16_t)mtvm_clamp_i32(mtvm_rounding_divide_by_pot(mtvm_saturating_rounding_doubling_high_mul(sum, 1073741824), 2) + (int32_t)rintf(scratch[i]), -32768, 32767);
                }
                int32_t never_read = 0;
                (void)never_read;
                return MTVM_OK;
            }

            """;
        Assert.Equal(expected, CKernelEmitter.Emit(SampleKernels.Everything()));
    }

    [Fact]
    public void EmitsComparisonsGccCanDecideAsTheirResult()
    {
        var output = new KernelBuffer("o", ElementType.Bool, 1, BufferRole.Output);
        var input = new KernelBuffer("u", ElementType.U8, 1, BufferRole.Input);
        var x = I32Var("x");
        var widened = CastTo(ElementType.I32, new Load(input, I32(0)));
        var kernel = new KernelFunction("k", [input, output], Seq(
            new Declare(x, widened),
            new Store(output, I32(0), And(Lt(x, x), Ge(widened, I32(-1)))),
            new Store(output, I32(0), And(Eq(BitAnd(x, I32(4)), I32(1)), CastTo(ElementType.Bool, BitOr(x, I32(2)))))));
        var c = CKernelEmitter.Emit(kernel);
        Assert.Contains("o[0] = ((void)(x), (void)(x), 0) && ((void)((int32_t)u[0]), (void)(-1), 1);", c);
        Assert.Contains("o[0] = ((void)(x & 4), (void)(1), 0) && ((void)(x | 2), 1);", c);
    }

    [Fact]
    public void GivesEveryNameADistinctCIdentifier()
    {
        var a = new KernelBuffer("a.b", ElementType.I32, 1, BufferRole.Output);
        var b = new KernelBuffer("a_b", ElementType.I32, 1, BufferRole.Output);
        var kernel = new KernelFunction("int", [a, b], Seq(
            new Declare(I32Var("mtvm_x"), I32(1)),
            new Declare(I32Var("_y"), I32(2)),
            new Store(a, I32(0), I32Var("mtvm_x")),
            new Store(b, I32(0), I32Var("_y"))));
        var c = CKernelEmitter.Emit(kernel);
        Assert.Contains("static mtvm_status_t int_(int32_t* restrict a_b, int32_t* restrict a_b_2)", c);
        Assert.Contains("int32_t vmtvm_x = 1;", c);
        Assert.Contains("int32_t v_y = 2;", c);
        Assert.Contains("a_b[0] = vmtvm_x;", c);
        Assert.Contains("a_b_2[0] = v_y;", c);
    }

    [Fact]
    public void RefusesKernelsThatDoNotVerifyAndDataThatFitsNoConstant()
    {
        var bad = new KernelFunction("k", [SampleKernels.X], new Store(SampleKernels.X, I32(0), Imm(0, ElementType.I8)));
        Assert.Throws<ArgumentException>(() => CKernelEmitter.Emit(bad));
        var wrongSize = new CEmitOptions { ConstantData = new Dictionary<string, ReadOnlyMemory<byte>> { ["w"] = new byte[3] } };
        Assert.Throws<ArgumentException>(() => CKernelEmitter.Emit(SampleKernels.Dense(), wrongSize));
        var notConstant = new CEmitOptions { ConstantData = new Dictionary<string, ReadOnlyMemory<byte>> { ["x"] = new byte[8] } };
        Assert.Throws<ArgumentException>(() => CKernelEmitter.Emit(SampleKernels.Dense(), notConstant));
    }
}
