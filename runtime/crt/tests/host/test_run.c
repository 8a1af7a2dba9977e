/*
 * Every status path of mtvm_context_init, mtvm_set_workspaces and mtvm_run, with the exact
 * last-error texts, on a hand-built descriptor ("fake.model-v2": two inputs, one output, two
 * pools). Overrides mtvm_platform_log (a strong definition beats the library's weak one) to
 * check that each error is logged once, with the last-error text.
 */
#include <stdint.h>

#include "mtvm/platform.h"
#include "mtvm/runtime.h"
#include "mtvm_test.h"

/* ---- the platform log, captured ---- */

static char logged[MTVM_LAST_ERROR_SIZE];
static int log_calls;

void mtvm_platform_log(const char* message)
{
    size_t i;
    for (i = 0; i + 1 < sizeof logged && message[i] != '\0'; ++i) {
        logged[i] = message[i];
    }
    logged[i] = '\0';
    ++log_calls;
}

/* ---- a hand-built model ---- */

struct fake_inputs {
    int8_t* a;   /* "a": int8 [8], aligned to 4 (as if for SIMD) */
    int32_t* b;  /* "b:0": int32 [2] */
};

struct fake_outputs {
    float* y;    /* "y": float32 [2] */
};

static int run_calls;
static mtvm_status_t run_result;
static const void* run_inputs;
static void* run_outputs;
static uint8_t* run_pools[2];
static mtvm_context_t* run_context;

static mtvm_status_t fake_run(const void* inputs, void* outputs, uint8_t* const* pools,
                              mtvm_context_t* context)
{
    size_t i;
    ++run_calls;
    run_inputs = inputs;
    run_outputs = outputs;
    run_pools[0] = pools[0];
    run_pools[1] = pools[1];
    run_context = context;
    /* Touch every byte the model may use, so the sanitizers see any short pool. */
    for (i = 0; i < 64; ++i) {
        pools[0][i] = (uint8_t)i;
    }
    for (i = 0; i < 16; ++i) {
        pools[1][i] = (uint8_t)i;
    }
    return run_result;
}

static const uint32_t shape_a[1] = { 8 };
static const uint32_t shape_2[1] = { 2 };

static const mtvm_tensor_desc_t fake_input_descs[2] = {
    { "a", offsetof(struct fake_inputs, a), MTVM_DTYPE_INT8, 1, shape_a, 8, 4 },
    { "b:0", offsetof(struct fake_inputs, b), MTVM_DTYPE_INT32, 1, shape_2, 8, 4 },
};

static const mtvm_tensor_desc_t fake_output_descs[1] = {
    { "y", offsetof(struct fake_outputs, y), MTVM_DTYPE_FLOAT32, 1, shape_2, 8, 4 },
};

static const mtvm_pool_desc_t fake_pool_descs[2] = {
    { "sram", 64, 8 },
    { "dtcm", 16, 4 },
};

static const mtvm_model_t fake_model = {
    MTVM_ABI_VERSION, "fake.model-v2",
    2, fake_input_descs,
    1, fake_output_descs,
    2, fake_pool_descs,
    fake_run,
};

/* ---- a valid invocation, which each test then breaks in one way ---- */

static union { int8_t bytes[8]; int32_t align; } buffer_a;
static int32_t buffer_b[2];
static float buffer_y[2];
static union { uint8_t bytes[80]; uint64_t align; } sram;
static union { uint8_t bytes[16]; uint32_t align; } dtcm;

static struct fake_inputs inputs;
static struct fake_outputs outputs;
static mtvm_workspace_t pools[2];
static mtvm_context_t context;
static mtvm_model_t model;

static void setup(void)
{
    model = fake_model;
    inputs.a = buffer_a.bytes;
    inputs.b = buffer_b;
    outputs.y = buffer_y;
    pools[0].name = "dtcm";   /* deliberately not in the model's order */
    pools[0].data = dtcm.bytes;
    pools[0].size = sizeof dtcm.bytes;
    pools[1].name = "sram";
    pools[1].data = sram.bytes;
    pools[1].size = sizeof sram.bytes;
    CHECK_STATUS(MTVM_OK, mtvm_context_init(&context));
    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, pools, 2));
    run_calls = 0;
    run_result = MTVM_OK;
    log_calls = 0;
    logged[0] = '\0';
}

/* Runs `model` and checks the status, the last error, one log line and no call of run. */
static void expect_run_failure(mtvm_status_t status, const char* message)
{
    CHECK_STATUS(status, mtvm_run(&model, &inputs, &outputs, &context));
    CHECK_EQ_STR(message, mtvm_last_error());
    CHECK_EQ_INT(1, log_calls);
    CHECK_EQ_STR(message, logged);
    CHECK_EQ_INT(0, run_calls);
}

/* ---- mtvm_context_init ---- */

static void test_context_init(void)
{
    mtvm_context_t c;
    setup();
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_context_init(NULL));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_context_init: context is NULL", "status 1"), mtvm_last_error());
    CHECK_EQ_INT(1, log_calls);
    c.memory.pools = pools;
    c.memory.num_pools = 2;
    CHECK_STATUS(MTVM_OK, mtvm_context_init(&c));
    CHECK(c.memory.pools == NULL);
    CHECK_EQ_INT(0, c.memory.num_pools);
    CHECK_EQ_STR("", mtvm_last_error());
}

/* ---- mtvm_set_workspaces ---- */

static void test_set_workspaces_installs_pools(void)
{
    setup();
    CHECK(context.memory.pools == pools);
    CHECK_EQ_INT(2, context.memory.num_pools);
    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, NULL, 0));
    CHECK(context.memory.pools == NULL);
    CHECK_EQ_INT(0, context.memory.num_pools);
    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, pools, 1));
    CHECK(context.memory.pools == pools);
    CHECK_EQ_INT(1, context.memory.num_pools);
    CHECK_EQ_STR("", mtvm_last_error());
    CHECK_EQ_INT(0, log_calls);
}

static void expect_set_failure(mtvm_context_t* c, mtvm_workspace_t* p, size_t n,
                               mtvm_status_t status, const char* message)
{
    log_calls = 0;
    CHECK_STATUS(status, mtvm_set_workspaces(c, p, n));
    CHECK_EQ_STR(message, mtvm_last_error());
    CHECK_EQ_INT(1, log_calls);
    CHECK_EQ_STR(message, logged);
    /* the context keeps its previous pools */
    CHECK(context.memory.pools == pools);
    CHECK_EQ_INT(2, context.memory.num_pools);
}

static void test_set_workspaces_failures(void)
{
    mtvm_workspace_t bad[3];
    setup();
    expect_set_failure(NULL, pools, 2, MTVM_ERR_NULL_ARGUMENT,
                       ERROR_TEXT("mtvm_set_workspaces: context is NULL", "status 1"));
    expect_set_failure(&context, NULL, 2, MTVM_ERR_NULL_ARGUMENT,
                       ERROR_TEXT("mtvm_set_workspaces: pools is NULL but num_pools is 2", "status 1"));

    bad[0] = pools[0];
    bad[1] = pools[1];
    bad[2] = pools[1];
    bad[1].name = NULL;
    expect_set_failure(&context, bad, 3, MTVM_ERR_INVALID_WORKSPACE,
                       ERROR_TEXT("mtvm_set_workspaces: pool 1 has no name", "status 7"));

    bad[1] = pools[1];
    bad[1].data = NULL;
    expect_set_failure(&context, bad, 3, MTVM_ERR_INVALID_WORKSPACE,
                       ERROR_TEXT("mtvm_set_workspaces: pool 1 'sram' has no buffer (NULL)", "status 7 'sram'"));

    bad[1] = pools[1];
    bad[2].data = sram.bytes + 8;
    expect_set_failure(&context, bad, 3, MTVM_ERR_DUPLICATE_WORKSPACE,
                       ERROR_TEXT("mtvm_set_workspaces: pools 1 and 2 are both named 'sram'", "status 8 'sram'"));
}

/* ---- mtvm_run: success ---- */

static void test_run_passes_everything_through(void)
{
    setup();
    mtvm_context_init(NULL); /* leave a stale error behind: success must clear it */
    CHECK_STATUS(MTVM_OK, mtvm_run(&model, &inputs, &outputs, &context));
    CHECK_EQ_STR("", mtvm_last_error());
    CHECK_EQ_INT(1, run_calls);
    CHECK(run_inputs == &inputs);
    CHECK(run_outputs == &outputs);
    CHECK(run_context == &context);
    /* bases in the model's pool order, whatever the context's order */
    CHECK(run_pools[0] == sram.bytes);
    CHECK(run_pools[1] == dtcm.bytes);
}

static void test_run_accepts_extra_pools_and_exact_sizes(void)
{
    mtvm_workspace_t more[3];
    setup();
    more[0] = pools[1];
    more[0].size = 64; /* exactly what the model needs */
    more[1].name = "unused";
    more[1].data = dtcm.bytes + 1; /* never checked: no model pool has this name */
    more[1].size = 1;
    more[2] = pools[0];
    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, more, 3));
    CHECK_STATUS(MTVM_OK, mtvm_run(&model, &inputs, &outputs, &context));
    CHECK_EQ_INT(1, run_calls);
    CHECK(run_pools[0] == sram.bytes);
    CHECK(run_pools[1] == dtcm.bytes);
}

static mtvm_status_t empty_run(const void* in, void* out, uint8_t* const* p, mtvm_context_t* c)
{
    (void)in;
    (void)out;
    (void)p;
    (void)c;
    ++run_calls;
    return MTVM_OK;
}

static void test_run_model_without_tensors_or_pools(void)
{
    mtvm_context_t empty;
    setup();
    model.num_inputs = 0;
    model.inputs = NULL;
    model.num_outputs = 0;
    model.outputs = NULL;
    model.num_pools = 0;
    model.pools = NULL;
    model.run = empty_run;
    CHECK_STATUS(MTVM_OK, mtvm_context_init(&empty));
    CHECK_STATUS(MTVM_OK, mtvm_run(&model, NULL, NULL, &empty));
    CHECK_EQ_INT(1, run_calls);
}

static void test_run_failure_of_generated_code(void)
{
    setup();
    run_result = MTVM_ERR_KERNEL;
    CHECK_STATUS(MTVM_ERR_KERNEL, mtvm_run(&model, &inputs, &outputs, &context));
    CHECK_EQ_INT(1, run_calls);
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'fake.model-v2': run function returned MTVM_ERR_KERNEL", "status 15"),
                 mtvm_last_error());
    CHECK_EQ_INT(1, log_calls);
}

/* ---- mtvm_run: argument and descriptor checks ---- */

static void test_run_null_model(void)
{
    setup();
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_run(NULL, &inputs, &outputs, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model is NULL", "status 1"), mtvm_last_error());
    CHECK_EQ_INT(1, log_calls);
}

static void test_run_abi_mismatch(void)
{
    setup();
    model.abi_version = MTVM_ABI_VERSION + 1u;
    model.name = NULL; /* must not be read */
    expect_run_failure(MTVM_ERR_ABI_MISMATCH,
                       ERROR_TEXT("mtvm_run: model has ABI version 2; this runtime implements 1", "status 2"));
    model.abi_version = 0;
    log_calls = 0;
    expect_run_failure(MTVM_ERR_ABI_MISMATCH,
                       ERROR_TEXT("mtvm_run: model has ABI version 0; this runtime implements 1", "status 2"));
}

static void test_run_invalid_descriptors(void)
{
    mtvm_tensor_desc_t in[2];
    mtvm_tensor_desc_t out[1];
    mtvm_pool_desc_t pd[2];

    setup();
    model.name = NULL;
    expect_run_failure(MTVM_ERR_INVALID_MODEL, ERROR_TEXT("mtvm_run: model has no name", "status 3"));

    setup();
    model.run = NULL;
    expect_run_failure(MTVM_ERR_INVALID_MODEL, ERROR_TEXT("mtvm_run: model 'fake.model-v2': no run function", "status 3"));

    setup();
    model.inputs = NULL;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': inputs are NULL but there are 2", "status 3"));

    setup();
    in[0] = fake_input_descs[0];
    in[1] = fake_input_descs[1];
    in[1].name = NULL;
    model.inputs = in;
    expect_run_failure(MTVM_ERR_INVALID_MODEL, ERROR_TEXT("mtvm_run: model 'fake.model-v2': input 1 has no name", "status 3"));

    setup();
    in[1] = fake_input_descs[1];
    in[1].alignment = 0;
    model.inputs = in;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': input 1 'b:0' has alignment 0, not a power of two", "status 3 'b:0'"));

    setup();
    in[1].alignment = 12;
    model.inputs = in;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': input 1 'b:0' has alignment 12, not a power of two", "status 3 'b:0'"));

    setup();
    in[1] = fake_input_descs[1];
    in[1].shape = NULL;
    model.inputs = in;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': input 1 'b:0' has rank 1 but no shape", "status 3 'b:0'"));

    setup();
    model.outputs = NULL;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': outputs are NULL but there are 1", "status 3"));

    setup();
    out[0] = fake_output_descs[0];
    out[0].alignment = 3;
    model.outputs = out;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': output 0 'y' has alignment 3, not a power of two", "status 3 'y'"));

    setup();
    model.pools = NULL;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': pools are NULL but there are 2", "status 3"));

    setup();
    pd[0] = fake_pool_descs[0];
    pd[1] = fake_pool_descs[1];
    pd[1].name = NULL;
    model.pools = pd;
    expect_run_failure(MTVM_ERR_INVALID_MODEL, ERROR_TEXT("mtvm_run: model 'fake.model-v2': pool 1 has no name", "status 3"));

    setup();
    pd[1] = fake_pool_descs[1];
    pd[0].alignment = 6;
    model.pools = pd;
    expect_run_failure(MTVM_ERR_INVALID_MODEL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': pool 0 'sram' has alignment 6, not a power of two", "status 3 'sram'"));
}

static void test_run_too_many_pools(void)
{
    mtvm_pool_desc_t many[MTVM_MAX_POOLS + 1];
    size_t i;
    char expected[128];
    for (i = 0; i < MTVM_MAX_POOLS + 1; ++i) {
        many[i] = fake_pool_descs[0];
    }
    setup();
    model.num_pools = MTVM_MAX_POOLS + 1;
    model.pools = many;
#if MTVM_ERROR_DETAIL
    sprintf(expected,
            "mtvm_run: model 'fake.model-v2': needs %d pools; this runtime supports at most %d "
            "(MTVM_MAX_POOLS)",
            MTVM_MAX_POOLS + 1, MTVM_MAX_POOLS);
#else
    sprintf(expected, "status %d", (int)MTVM_ERR_TOO_MANY_POOLS);
#endif
    expect_run_failure(MTVM_ERR_TOO_MANY_POOLS, expected);
}

static void test_run_null_arguments(void)
{
    setup();
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_run(&model, &inputs, &outputs, NULL));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'fake.model-v2': context is NULL", "status 1"), mtvm_last_error());

    setup();
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_run(&model, NULL, &outputs, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'fake.model-v2': inputs is NULL", "status 1"), mtvm_last_error());

    setup();
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_run(&model, &inputs, NULL, &context));
    CHECK_EQ_STR(ERROR_TEXT("mtvm_run: model 'fake.model-v2': outputs is NULL", "status 1"), mtvm_last_error());
    CHECK_EQ_INT(1, log_calls);
    CHECK_EQ_INT(0, run_calls);
}

static void test_run_missing_and_misaligned_buffers(void)
{
    static union { float f[4]; uint64_t align; } wide;
    setup();
    inputs.b = NULL;
    expect_run_failure(MTVM_ERR_MISSING_INPUT,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': input 1 'b:0' has no buffer (NULL)", "status 4 'b:0'"));

    setup();
    inputs.a = NULL;
    inputs.b = NULL; /* the first missing one is reported */
    expect_run_failure(MTVM_ERR_MISSING_INPUT,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': input 0 'a' has no buffer (NULL)", "status 4 'a'"));

    setup();
    outputs.y = NULL;
    expect_run_failure(MTVM_ERR_MISSING_OUTPUT,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': output 0 'y' has no buffer (NULL)", "status 5 'y'"));

    setup();
    inputs.a = buffer_a.bytes + 2;
    expect_run_failure(MTVM_ERR_MISALIGNED_BUFFER,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': input 0 'a' buffer is not aligned to 4 bytes", "status 6 'a'"));

    setup();
    {
        mtvm_tensor_desc_t out = fake_output_descs[0];
        out.alignment = 8;
        model.outputs = &out;
        outputs.y = &wide.f[1];
        expect_run_failure(MTVM_ERR_MISALIGNED_BUFFER,
                           ERROR_TEXT("mtvm_run: model 'fake.model-v2': output 0 'y' buffer is not aligned to 8 bytes", "status 6 'y'"));
        outputs.y = &wide.f[2];
        log_calls = 0;
        CHECK_STATUS(MTVM_OK, mtvm_run(&model, &inputs, &outputs, &context));
    }
}

static void test_run_workspace_checks(void)
{
    setup();
    CHECK_STATUS(MTVM_OK, mtvm_set_workspaces(&context, pools, 1)); /* only "dtcm" */
    expect_run_failure(MTVM_ERR_MISSING_WORKSPACE,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': no workspace pool 'sram' in the context "
                       "(needs 64 bytes aligned to 8)",
                                  "status 9 'sram'"));

    setup();
    pools[1].name = "SRAM"; /* names are case-sensitive */
    expect_run_failure(MTVM_ERR_MISSING_WORKSPACE,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': no workspace pool 'sram' in the context "
                       "(needs 64 bytes aligned to 8)",
                                  "status 9 'sram'"));

    setup();
    pools[1].name = "sra";
    expect_run_failure(MTVM_ERR_MISSING_WORKSPACE,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': no workspace pool 'sram' in the context "
                       "(needs 64 bytes aligned to 8)",
                                  "status 9 'sram'"));

    setup();
    pools[1].size = 63;
    expect_run_failure(MTVM_ERR_WORKSPACE_TOO_SMALL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': workspace pool 'sram' has 63 bytes; needs 64", "status 10 'sram'"));

    setup();
    pools[0].size = 0;
    expect_run_failure(MTVM_ERR_WORKSPACE_TOO_SMALL,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': workspace pool 'dtcm' has 0 bytes; needs 16", "status 10 'dtcm'"));

    setup();
    pools[1].data = sram.bytes + 4;
    expect_run_failure(MTVM_ERR_MISALIGNED_WORKSPACE,
                       ERROR_TEXT("mtvm_run: model 'fake.model-v2': workspace pool 'sram' is not aligned to 8 bytes", "status 11 'sram'"));

    setup();
    pools[1].data = sram.bytes + 8; /* aligned, and still 72 bytes behind it */
    pools[1].size = 72;
    CHECK_STATUS(MTVM_OK, mtvm_run(&model, &inputs, &outputs, &context));
    CHECK(run_pools[0] == sram.bytes + 8);
}

static void test_run_long_names_are_truncated(void)
{
    static const char long_name[] =
        "a_model_name_that_is_much_longer_than_anyone_should_use_for_a_microcontroller_model_"
        "but_the_runtime_must_still_cope_with_it_by_cutting_the_message_short_and_saying_so";
    const char* e;
    size_t n;
    mtvm_pool_desc_t pd[2];
    setup();
    pd[0] = fake_pool_descs[0];
    pd[1] = fake_pool_descs[1];
    pd[1].name = long_name;
    pd[1].alignment = 3;
    model.pools = pd;
    model.name = long_name;
    CHECK_STATUS(MTVM_ERR_INVALID_MODEL, mtvm_run(&model, &inputs, &outputs, &context));
    e = mtvm_last_error();
    n = strlen(e);
    CHECK(sizeof long_name > MTVM_LAST_ERROR_SIZE);
    CHECK_EQ_INT(MTVM_LAST_ERROR_SIZE - 1, n);
    CHECK(strncmp(e, ERROR_TEXT("mtvm_run: model 'a_model_name", "status 3 'a_model_name"),
                  strlen(ERROR_TEXT("mtvm_run: model 'a_model_name", "status 3 'a_model_name"))) == 0);
    CHECK_EQ_STR("...", e + n - 3);
    CHECK_EQ_STR(e, logged);
}

int main(void)
{
    RUN_TEST(test_context_init);
    RUN_TEST(test_set_workspaces_installs_pools);
    RUN_TEST(test_set_workspaces_failures);
    RUN_TEST(test_run_passes_everything_through);
    RUN_TEST(test_run_accepts_extra_pools_and_exact_sizes);
    RUN_TEST(test_run_model_without_tensors_or_pools);
    RUN_TEST(test_run_failure_of_generated_code);
    RUN_TEST(test_run_null_model);
    RUN_TEST(test_run_abi_mismatch);
    RUN_TEST(test_run_invalid_descriptors);
    RUN_TEST(test_run_too_many_pools);
    RUN_TEST(test_run_null_arguments);
    RUN_TEST(test_run_missing_and_misaligned_buffers);
    RUN_TEST(test_run_workspace_checks);
    RUN_TEST(test_run_long_names_are_truncated);
    return mtvm_test_report();
}
