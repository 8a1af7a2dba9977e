/*
 * End to end with the hand-written example of generated code (examples/tiny_cnn): the
 * macros agree with the descriptor, the typed and generic entry points compute what an
 * independent reference computes here, and the runtime's checks fire through the typed API.
 */
#include <stddef.h>
#include <stdint.h>

#include "mtvm/runtime.h"
#include "mtvm_test.h"
#include "mtvmgen_tiny_cnn.h"

/* Exactly the planned size, so that the sanitizers catch any write past the plan. */
static uint8_t sram[MTVMGEN_TINY_CNN_POOL_SRAM_SIZE]
    __attribute__((aligned(MTVMGEN_TINY_CNN_POOL_SRAM_ALIGNMENT)));
static mtvm_workspace_t pools[MTVMGEN_TINY_CNN_NUM_POOLS] = {
    { MTVMGEN_TINY_CNN_POOL_SRAM_NAME, sram, sizeof sram },
};

/* ---- the reference: the model of examples/tiny_cnn/mtvmgen_tiny_cnn.c, computed plainly ---- */

static int64_t floor_shift(int64_t x, int n)
{
    const int64_t d = (int64_t)1 << n;
    return x / d - ((x % d != 0 && x < 0) ? 1 : 0);
}

/* TFLite double rounding: round-half-up(x * m / 2^31), then round-half-away(. / 2^-shift). */
static int32_t reference_requantize(int32_t x, int32_t multiplier, int shift)
{
    const int64_t high = floor_shift((int64_t)x * multiplier + ((int64_t)1 << 30), 31);
    const int64_t magnitude = high < 0 ? -high : high;
    const int64_t rounded = floor_shift(magnitude + ((int64_t)1 << (-shift - 1)), -shift);
    return (int32_t)(high < 0 ? -rounded : rounded);
}

static int8_t clamp8(int32_t v, int32_t low)
{
    return (int8_t)(v < low ? low : v > 127 ? 127 : v);
}

static void reference_model(const int8_t input[16], int8_t output[3])
{
    static const int32_t conv_w[2] = { 90, -70 };
    static const int32_t conv_b[2] = { 100, 17000 };
    static const int32_t dense_b[3] = { -1000, 0, 1000 };
    int8_t hidden[32];
    int p;
    int c;
    int k;
    int j;
    for (p = 0; p < 16; ++p) {
        for (c = 0; c < 2; ++c) {
            const int32_t acc = (input[p] + 128) * conv_w[c] + conv_b[c];
            hidden[p * 2 + c] = clamp8(reference_requantize(acc, 1518500250, -7) - 128, -128);
        }
    }
    for (k = 0; k < 3; ++k) {
        int32_t acc = dense_b[k];
        for (j = 0; j < 32; ++j) {
            acc += (hidden[j] + 128) * (((k * 7 + j * 5) % 41) - 20);
        }
        output[k] = clamp8(reference_requantize(acc, 1374389535, -5) + 3, -128);
    }
}

static uint32_t lcg_state = 2024u;
static int8_t random_int8(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return (int8_t)((int32_t)((lcg_state >> 24) & 0xFFu) - 128);
}

/* ---- tests ---- */

static void test_macros_match_the_descriptor(void)
{
    const mtvm_model_t* m = &mtvmgen_tiny_cnn_model;
    CHECK_EQ_INT(MTVM_ABI_VERSION, m->abi_version);
    CHECK_EQ_STR("tiny_cnn", m->name);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_NUM_INPUTS, m->num_inputs);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_NUM_OUTPUTS, m->num_outputs);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_NUM_POOLS, m->num_pools);

    CHECK_EQ_STR(MTVMGEN_TINY_CNN_INPUT_INPUT_1_NAME, m->inputs[0].name);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_INPUT_INPUT_1_SIZE, m->inputs[0].bytes);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_INPUT_INPUT_1_ALIGNMENT, m->inputs[0].alignment);
    CHECK_EQ_INT(offsetof(struct mtvmgen_tiny_cnn_inputs, input_1), m->inputs[0].offset);
    CHECK_EQ_INT(MTVM_DTYPE_INT8, m->inputs[0].dtype);
    CHECK_EQ_INT(4, m->inputs[0].rank);
    CHECK_EQ_INT(4, m->inputs[0].shape[1]);

    CHECK_EQ_STR(MTVMGEN_TINY_CNN_OUTPUT_STATEFULPARTITIONEDCALL_0_NAME, m->outputs[0].name);
    CHECK_EQ_STR("StatefulPartitionedCall:0", m->outputs[0].name);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_OUTPUT_STATEFULPARTITIONEDCALL_0_SIZE, m->outputs[0].bytes);
    CHECK_EQ_INT(offsetof(struct mtvmgen_tiny_cnn_outputs, statefulpartitionedcall_0),
                 m->outputs[0].offset);

    CHECK_EQ_STR(MTVMGEN_TINY_CNN_POOL_SRAM_NAME, m->pools[0].name);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_POOL_SRAM_SIZE, m->pools[0].bytes);
    CHECK_EQ_INT(MTVMGEN_TINY_CNN_POOL_SRAM_ALIGNMENT, m->pools[0].alignment);

    /* every size is a compile-time constant usable for static buffers */
    {
        static int8_t in[MTVMGEN_TINY_CNN_INPUT_INPUT_1_SIZE];
        CHECK_EQ_INT(16, sizeof in);
    }
}

static void test_typed_and_generic_runs_match_the_reference(void)
{
    int trial;
    int i;
    int mismatches = 0;
    mtvm_context_t context;
    CHECK_STATUS(MTVM_OK, mtvm_context_init(&context));
    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, pools, MTVMGEN_TINY_CNN_NUM_POOLS));
    for (trial = 0; trial < 500; ++trial) {
        int8_t input[MTVMGEN_TINY_CNN_INPUT_INPUT_1_SIZE];
        int8_t typed_out[MTVMGEN_TINY_CNN_OUTPUT_STATEFULPARTITIONEDCALL_0_SIZE];
        int8_t generic_out[MTVMGEN_TINY_CNN_OUTPUT_STATEFULPARTITIONEDCALL_0_SIZE];
        int8_t expected[3];
        struct mtvmgen_tiny_cnn_inputs inputs;
        struct mtvmgen_tiny_cnn_outputs outputs;
        for (i = 0; i < 16; ++i) {
            input[i] = trial == 0 ? (int8_t)-128 : trial == 1 ? (int8_t)127 : random_int8();
        }
        reference_model(input, expected);

        inputs.input_1 = input;
        outputs.statefulpartitionedcall_0 = typed_out;
        CHECK_STATUS(MTVM_OK, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));

        outputs.statefulpartitionedcall_0 = generic_out;
        CHECK_STATUS(MTVM_OK, mtvm_run(&mtvmgen_tiny_cnn_model, &inputs, &outputs, &context));

        for (i = 0; i < 3; ++i) {
            if (typed_out[i] != expected[i] || generic_out[i] != expected[i]) {
                if (mismatches++ < 5) {
                    fprintf(stderr, "trial %d output %d: expected %d, typed %d, generic %d\n",
                            trial, i, expected[i], typed_out[i], generic_out[i]);
                }
            }
        }
    }
    CHECK_EQ_INT(0, mismatches);
    CHECK_EQ_STR("", mtvm_last_error());
}

static void test_outputs_are_not_constant(void)
{
    /* Guards the reference test against a degenerate model (every input saturating). */
    int8_t a[16];
    int8_t b[16];
    int8_t out_a[3];
    int8_t out_b[3];
    int i;
    for (i = 0; i < 16; ++i) {
        a[i] = (int8_t)(i * 8 - 128);
        b[i] = (int8_t)(127 - i * 8);
    }
    reference_model(a, out_a);
    reference_model(b, out_b);
    CHECK(out_a[0] != out_b[0] || out_a[1] != out_b[1] || out_a[2] != out_b[2]);
    CHECK(out_a[0] != out_a[1] || out_a[1] != out_a[2]);
}

static void test_checks_through_the_typed_api(void)
{
    int8_t input[16] = { 0 };
    int8_t output[3];
    struct mtvmgen_tiny_cnn_inputs inputs;
    struct mtvmgen_tiny_cnn_outputs outputs;
    mtvm_workspace_t small = { MTVMGEN_TINY_CNN_POOL_SRAM_NAME, sram, sizeof sram - 1 };
    mtvm_workspace_t shifted = { MTVMGEN_TINY_CNN_POOL_SRAM_NAME, sram + 1, sizeof sram - 1 };
    mtvm_context_t context;
    inputs.input_1 = input;
    outputs.statefulpartitionedcall_0 = output;
    CHECK_STATUS(MTVM_OK, mtvm_context_init(&context));

    CHECK_STATUS(MTVM_ERR_MISSING_WORKSPACE, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'tiny_cnn': no workspace pool 'sram' in the context "
                 "(needs 44 bytes aligned to 16)",
                                "status 9 'sram'"),
                 mtvm_last_error());

    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, &small, 1));
    CHECK_STATUS(MTVM_ERR_WORKSPACE_TOO_SMALL, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'tiny_cnn': workspace pool 'sram' has 43 bytes; needs 44",
                                "status 10 'sram'"),
                 mtvm_last_error());

    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, &shifted, 1));
    CHECK_STATUS(MTVM_ERR_WORKSPACE_TOO_SMALL, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));
    shifted.size = sizeof sram + 15; /* pretend: only alignment is wrong now */
    CHECK_STATUS(MTVM_ERR_MISALIGNED_WORKSPACE, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'tiny_cnn': workspace pool 'sram' is not aligned to 16 bytes",
                                "status 11 'sram'"),
                 mtvm_last_error());

    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, pools, 1));
    outputs.statefulpartitionedcall_0 = NULL;
    CHECK_STATUS(MTVM_ERR_MISSING_OUTPUT, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'tiny_cnn': output 0 'StatefulPartitionedCall:0' has no buffer "
                 "(NULL)",
                                "status 5 'StatefulPartitionedCall:0'"),
                 mtvm_last_error());

    outputs.statefulpartitionedcall_0 = output;
    inputs.input_1 = NULL;
    CHECK_STATUS(MTVM_ERR_MISSING_INPUT, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'tiny_cnn': input 0 'input_1' has no buffer (NULL)",
                                "status 4 'input_1'"),
                 mtvm_last_error());

    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvmgen_tiny_cnn_run(NULL, &outputs, &context));
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvmgen_tiny_cnn_run(&inputs, NULL, &context));
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvmgen_tiny_cnn_run(&inputs, &outputs, NULL));

    inputs.input_1 = input;
    CHECK_STATUS(MTVM_OK, mtvmgen_tiny_cnn_run(&inputs, &outputs, &context));
    CHECK_EQ_STR("", mtvm_last_error());
}

int main(void)
{
    RUN_TEST(test_macros_match_the_descriptor);
    RUN_TEST(test_outputs_are_not_constant);
    RUN_TEST(test_typed_and_generic_runs_match_the_reference);
    RUN_TEST(test_checks_through_the_typed_api);
    return mtvm_test_report();
}
