/*
 * MicroTvm firmware templates: the board-independent firmware main.
 *
 * Runs any generated model through the generic runtime API. The model is known only through
 * its descriptor symbol, named by one macro (-DMTVM_MODEL=mtvmgen_tiny_cnn_model); everything
 * else (inputs, outputs, pools, sizes, alignments, struct offsets) is read from the
 * descriptor at run time:
 *
 *   1. carve the inputs and outputs structs (pointer arrays at the descriptor's offsets), the
 *      input and output buffers and the workspace pools out of one static arena;
 *   2. read the inputs from MTVM_INPUT_FILE: the raw bytes of every input, concatenated in
 *      descriptor order, nothing else (its length must be exactly their sum);
 *   3. call mtvm_run MTVM_REPEAT times between mtvm_platform_timer_start/stop;
 *   4. write the outputs' raw bytes, concatenated in descriptor order, to MTVM_OUTPUT_FILE;
 *   5. print one result line and exit with a code from mtvm_board.h:
 *
 *   MTVM_RESULT exit=0 status=0 name=MTVM_OK model=tiny_cnn repeat=1 instructions=2103
 *               per_run=2103 resolution=40 overhead=40
 *   MTVM_RESULT exit=5 status=10 name=MTVM_ERR_WORKSPACE_TOO_SMALL model=tiny_cnn
 *               stage=mtvm_run error=mtvm_run: model 'tiny_cnn': workspace pool ...
 *   MTVM_RESULT exit=2 model=tiny_cnn stage=arena error=...
 *
 * (each on one line; error= is always the last field and runs to the end of the line).
 * Build-time knobs, all optional (the Makefiles and CMakeLists set them from variables of
 * the same name without the MTVM_ prefix):
 *
 *   MTVM_ARENA_SIZE    bytes of the static arena (default 65536)
 *   MTVM_REPEAT        runs between the counter reads (default 1)
 *   MTVM_INPUT_FILE    default "inputs.bin";  MTVM_OUTPUT_FILE  default "outputs.bin"
 *   MTVM_POOL_SHRINK   bytes taken off every pool (default 0; a test of the failure path)
 *   MTVM_FAULT_TEST    1: read MTVM_BOARD_FAULT_ADDRESS before running (a test of the fault
 *                      handlers)
 *   MTVM_MODEL_TABLE   1: run the models of a table instead of MTVM_MODEL (below)
 *   MTVM_PLAN_FILE     default "plan.bin"
 *
 * Several models in one image (a project of `mtvm-opt micro create-project` with more than one
 * Model Library Format archive): with MTVM_MODEL_TABLE the project defines
 *
 *   const mtvm_model_t* const mtvm_models[];  const uint32_t mtvm_num_models;
 *
 * and the firmware runs, in order, the models the plan file lists (little-endian uint32
 * indices into the table, a model may appear several times), or every model once when there
 * is no plan file. Each run carves the arena afresh, reads its inputs from where the previous
 * one stopped reading the input file (whose length must be the sum over the whole plan),
 * appends its outputs to the output file and prints its own result line; the first failure
 * ends the firmware with its line, so the models before it have their results.
 */
#include <stddef.h>
#include <stdint.h>

#include "board_config.h"
#include "mtvm/format.h"
#include "mtvm/platform.h"
#include "mtvm/runtime.h"
#include "mtvm/status.h"
#include "mtvm_board.h"

#ifndef MTVM_MODEL_TABLE
#define MTVM_MODEL_TABLE 0
#endif
#if !MTVM_MODEL_TABLE && !defined(MTVM_MODEL)
#error "define MTVM_MODEL as the model's descriptor symbol, e.g. -DMTVM_MODEL=mtvmgen_tiny_cnn_model"
#endif
#ifndef MTVM_ARENA_SIZE
#define MTVM_ARENA_SIZE 65536
#endif
#ifndef MTVM_REPEAT
#define MTVM_REPEAT 1
#endif
#ifndef MTVM_INPUT_FILE
#define MTVM_INPUT_FILE "inputs.bin"
#endif
#ifndef MTVM_OUTPUT_FILE
#define MTVM_OUTPUT_FILE "outputs.bin"
#endif
#ifndef MTVM_POOL_SHRINK
#define MTVM_POOL_SHRINK 0
#endif
#ifndef MTVM_FAULT_TEST
#define MTVM_FAULT_TEST 0
#endif
#ifndef MTVM_PLAN_FILE
#define MTVM_PLAN_FILE "plan.bin"
#endif
/* The most runs one plan may list. */
#ifndef MTVM_MAX_PLAN
#define MTVM_MAX_PLAN 1024
#endif

#if MTVM_REPEAT < 1
#error "MTVM_REPEAT must be at least 1"
#endif

#if MTVM_MODEL_TABLE
extern const mtvm_model_t* const mtvm_models[];
extern const uint32_t mtvm_num_models;
#else
extern const mtvm_model_t MTVM_MODEL;
static const mtvm_model_t* const mtvm_models[] = {&MTVM_MODEL};
static const uint32_t mtvm_num_models = 1;
#endif

/* The model being run: failure lines name it. */
static const mtvm_model_t* mtvm_current;

/* The base alignment of the arena; larger alignments are padded for at carving time. */
#define MTVM_ARENA_ALIGNMENT 16

static uint8_t mtvm_arena[MTVM_ARENA_SIZE] __attribute__((aligned(MTVM_ARENA_ALIGNMENT)));
static mtvm_workspace_t mtvm_pools[MTVM_MAX_POOLS];

/* ---- timer and log hooks of the runtime (mtvm/platform.h) ---- */

static uint64_t mtvm_timer_started;

mtvm_status_t mtvm_platform_timer_start(void)
{
    mtvm_timer_started = mtvm_board_counter();
    return MTVM_OK;
}

mtvm_status_t mtvm_platform_timer_stop(uint64_t* elapsed)
{
    const uint64_t now = mtvm_board_counter();
    if (elapsed != NULL) {
        *elapsed = now - mtvm_timer_started;
    }
    return MTVM_OK;
}

void mtvm_platform_log(const char* message)
{
    mtvm_board_console_write("MTVM_LOG ");
    mtvm_board_console_write(message);
    mtvm_board_console_write("\n");
}

void mtvm_platform_abort(mtvm_status_t status)
{
    char line[96];
    mtvm_fmt_t f;
    mtvm_fmt_init(&f, line, sizeof line);
    mtvm_fmt_str(&f, "MTVM_ABORT exit=6 status=");
    mtvm_fmt_int(&f, (long)status);
    mtvm_fmt_str(&f, " name=");
    mtvm_fmt_str(&f, mtvm_status_name(status));
    mtvm_fmt_str(&f, "\n");
    mtvm_board_console_write(line);
    mtvm_board_exit(MTVM_EXIT_ABORT);
}

/* ---- the result line ---- */

static char mtvm_line[384];

static void mtvm_fmt_u64(mtvm_fmt_t* f, uint64_t value)
{
    char digits[21];
    size_t n = sizeof digits - 1;
    digits[n] = '\0';
    do {
        digits[--n] = (char)('0' + (int)(value % 10u));
        value /= 10u;
    } while (value != 0);
    mtvm_fmt_str(f, &digits[n]);
}

static void mtvm_result_begin(mtvm_fmt_t* f, int exit_code)
{
    mtvm_fmt_init(f, mtvm_line, sizeof mtvm_line);
    mtvm_fmt_str(f, "MTVM_RESULT exit=");
    mtvm_fmt_int(f, (long)exit_code);
}

static MTVM_NORETURN void mtvm_result_end(mtvm_fmt_t* f, int exit_code)
{
    (void)f;
    mtvm_board_console_write(mtvm_line);
    mtvm_board_console_write("\n");
    mtvm_board_exit(exit_code);
}

/*
 * A failure of the firmware itself (not of the runtime): starts the result line up to
 * "error="; the caller appends the message and ends with mtvm_result_end.
 */
static void mtvm_fail_begin(mtvm_fmt_t* f, int exit_code, const char* stage)
{
    mtvm_result_begin(f, exit_code);
    mtvm_fmt_str(f, " model=");
    mtvm_fmt_str(f, mtvm_current->name);
    mtvm_fmt_str(f, " stage=");
    mtvm_fmt_str(f, stage);
    mtvm_fmt_str(f, " error=");
}

/* A failure described by one text. */
static MTVM_NORETURN void mtvm_fail(int exit_code, const char* stage, const char* message)
{
    mtvm_fmt_t f;
    mtvm_fail_begin(&f, exit_code, stage);
    mtvm_fmt_str(&f, message);
    mtvm_result_end(&f, exit_code);
}

/* A failure described by text, a number and more text. */
static MTVM_NORETURN void mtvm_fail_n(int exit_code, const char* stage, const char* before,
                                      unsigned long number, const char* after)
{
    mtvm_fmt_t f;
    mtvm_fail_begin(&f, exit_code, stage);
    mtvm_fmt_str(&f, before);
    mtvm_fmt_uint(&f, number);
    mtvm_fmt_str(&f, after);
    mtvm_result_end(&f, exit_code);
}

/* A runtime call returned a failure: its status, name and the last error. */
static MTVM_NORETURN void mtvm_fail_status(const char* stage, mtvm_status_t status)
{
    mtvm_fmt_t f;
    mtvm_result_begin(&f, MTVM_EXIT_RUNTIME);
    mtvm_fmt_str(&f, " status=");
    mtvm_fmt_int(&f, (long)status);
    mtvm_fmt_str(&f, " name=");
    mtvm_fmt_str(&f, mtvm_status_name(status));
    mtvm_fmt_str(&f, " model=");
    mtvm_fmt_str(&f, mtvm_current->name);
    mtvm_fmt_str(&f, " stage=");
    mtvm_fmt_str(&f, stage);
    mtvm_fmt_str(&f, " error=");
    mtvm_fmt_str(&f, mtvm_last_error());
    mtvm_result_end(&f, MTVM_EXIT_RUNTIME);
}

/* ---- carving the arena ---- */

typedef struct mtvm_carver {
    uintptr_t next;  /* first free address */
    size_t needed;   /* bytes the carving needs so far, padding included */
} mtvm_carver_t;

/* Returns the next block of size bytes aligned to alignment, or NULL once out of space. */
static uint8_t* mtvm_carve(mtvm_carver_t* c, size_t size, size_t alignment)
{
    const uintptr_t mask = (uintptr_t)(alignment == 0 ? 1u : alignment) - 1u;
    const uintptr_t base = (c->next + mask) & ~mask;
    c->needed += (size_t)(base - c->next) + size;
    c->next = base + size;
    if (c->needed > (size_t)MTVM_ARENA_SIZE) {
        return NULL;
    }
    return (uint8_t*)base;
}

/* Bytes of a typed inputs/outputs struct: one pointer past the largest member offset. */
static size_t mtvm_struct_size(const mtvm_tensor_desc_t* descs, uint32_t count)
{
    size_t size = 0;
    uint32_t i;
    for (i = 0; i < count; ++i) {
        if (descs[i].offset + sizeof(void*) > size) {
            size = descs[i].offset + sizeof(void*);
        }
    }
    return size;
}

/* Stores the pointer value at byte offset `offset` of a typed struct, byte by byte. */
static void mtvm_set_member(uint8_t* base, size_t offset, void* value)
{
    const unsigned char* from = (const unsigned char*)&value;
    size_t i;
    for (i = 0; i < sizeof value; ++i) {
        base[offset + i] = from[i];
    }
}

static void mtvm_clear(uint8_t* p, size_t size)
{
    size_t i;
    for (i = 0; i < size; ++i) {
        p[i] = 0;
    }
}

/* The most inputs (and, separately, outputs) a model may have in this firmware. */
#ifndef MTVM_MAX_TENSORS
#define MTVM_MAX_TENSORS 64
#endif

static uint8_t* mtvm_input_data[MTVM_MAX_TENSORS];
static uint8_t* mtvm_output_data[MTVM_MAX_TENSORS];

/* Lays out everything in the arena; exits with MTVM_EXIT_ARENA when it does not fit. */
static void mtvm_carve_all(const mtvm_model_t* model, uint8_t** inputs_struct,
                           uint8_t** outputs_struct)
{
    mtvm_carver_t c;
    uint32_t i;
    int ok = 1;
    c.next = (uintptr_t)mtvm_arena;
    c.needed = 0;

    if (model->num_inputs > MTVM_MAX_TENSORS || model->num_outputs > MTVM_MAX_TENSORS) {
        mtvm_fail_n(MTVM_EXIT_ARENA, "arena", "the model has more inputs or outputs than "
                    "this firmware handles (MTVM_MAX_TENSORS = ", (unsigned long)MTVM_MAX_TENSORS,
                    " of each)");
    }
    if (model->num_pools > MTVM_MAX_POOLS) {
        /* mtvm_run reports this with its own status; give it no pools. */
        return;
    }

    *inputs_struct = NULL;
    *outputs_struct = NULL;
    if (model->num_inputs > 0) {
        const size_t size = mtvm_struct_size(model->inputs, model->num_inputs);
        *inputs_struct = mtvm_carve(&c, size, sizeof(void*));
        ok = ok && *inputs_struct != NULL;
        if (ok) {
            mtvm_clear(*inputs_struct, size);
        }
    }
    if (model->num_outputs > 0) {
        const size_t size = mtvm_struct_size(model->outputs, model->num_outputs);
        *outputs_struct = mtvm_carve(&c, size, sizeof(void*));
        ok = ok && *outputs_struct != NULL;
        if (ok) {
            mtvm_clear(*outputs_struct, size);
        }
    }
    for (i = 0; i < model->num_inputs; ++i) {
        mtvm_input_data[i] = mtvm_carve(&c, model->inputs[i].bytes, model->inputs[i].alignment);
        ok = ok && mtvm_input_data[i] != NULL;
        if (ok) {
            mtvm_set_member(*inputs_struct, model->inputs[i].offset, mtvm_input_data[i]);
        }
    }
    for (i = 0; i < model->num_outputs; ++i) {
        mtvm_output_data[i] =
            mtvm_carve(&c, model->outputs[i].bytes, model->outputs[i].alignment);
        ok = ok && mtvm_output_data[i] != NULL;
        if (ok) {
            mtvm_clear(mtvm_output_data[i], model->outputs[i].bytes);
            mtvm_set_member(*outputs_struct, model->outputs[i].offset, mtvm_output_data[i]);
        }
    }
    for (i = 0; i < model->num_pools; ++i) {
        size_t size = model->pools[i].bytes;
        size = size > (size_t)MTVM_POOL_SHRINK ? size - (size_t)MTVM_POOL_SHRINK : 0;
        mtvm_pools[i].name = model->pools[i].name;
        mtvm_pools[i].data = mtvm_carve(&c, size == 0 ? 1 : size, model->pools[i].alignment);
        mtvm_pools[i].size = size;
        ok = ok && mtvm_pools[i].data != NULL;
    }
    if (!ok) {
        mtvm_fmt_t f;
        mtvm_fail_begin(&f, MTVM_EXIT_ARENA, "arena");
        mtvm_fmt_str(&f, "the arena has ");
        mtvm_fmt_uint(&f, (unsigned long)MTVM_ARENA_SIZE);
        mtvm_fmt_str(&f, " bytes (ARENA_SIZE) but the model's inputs, outputs and pools need ");
        mtvm_fmt_uint(&f, (unsigned long)c.needed);
        mtvm_fmt_str(&f, " (alignment padding included)");
        mtvm_result_end(&f, MTVM_EXIT_ARENA);
    }
}

/* ---- the plan, the inputs and the outputs files ---- */

static uint32_t mtvm_plan[MTVM_MAX_PLAN];

/* Fills mtvm_plan from the plan file, or with every model once; returns the number of runs. */
static uint32_t mtvm_read_plan(void)
{
    const int handle = mtvm_board_file_open(MTVM_PLAN_FILE, 0);
    uint32_t count;
    uint32_t i;
    long length;
    if (handle < 0) {
        for (i = 0; i < mtvm_num_models && i < MTVM_MAX_PLAN; ++i) {
            mtvm_plan[i] = i;
        }
        return i;
    }
    length = mtvm_board_file_length(handle);
    if (length < 0 || length % 4 != 0 || (unsigned long)length / 4u > MTVM_MAX_PLAN) {
        mtvm_fail_n(MTVM_EXIT_INPUT, "plan", MTVM_PLAN_FILE " must hold whole uint32 model "
                    "indices, at most ", (unsigned long)MTVM_MAX_PLAN, " (MTVM_MAX_PLAN)");
    }
    count = (uint32_t)((unsigned long)length / 4u);
    for (i = 0; i < count; ++i) {
        uint8_t b[4];
        if (mtvm_board_file_read(handle, b, sizeof b) != sizeof b) {
            mtvm_fail_n(MTVM_EXIT_INPUT, "plan", "short read of " MTVM_PLAN_FILE " at entry ",
                        (unsigned long)i, "");
        }
        mtvm_plan[i] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                       (uint32_t)b[3] << 24;
        if (mtvm_plan[i] >= mtvm_num_models) {
            mtvm_fail_n(MTVM_EXIT_INPUT, "plan", MTVM_PLAN_FILE " names a model past the "
                        "table's ", (unsigned long)mtvm_num_models, " models");
        }
    }
    (void)mtvm_board_file_close(handle);
    return count;
}

static size_t mtvm_input_bytes(const mtvm_model_t* model)
{
    size_t total = 0;
    uint32_t i;
    for (i = 0; i < model->num_inputs; ++i) {
        total += model->inputs[i].bytes;
    }
    return total;
}

/* Opens the input file and checks its length: every run's inputs; -1 when there are none. */
static int mtvm_open_inputs(uint32_t runs)
{
    size_t total = 0;
    long length;
    int handle;
    uint32_t r;
    for (r = 0; r < runs; ++r) {
        total += mtvm_input_bytes(mtvm_models[mtvm_plan[r]]);
    }
    if (total == 0) {
        return -1;
    }
    handle = mtvm_board_file_open(MTVM_INPUT_FILE, 0);
    if (handle < 0) {
        mtvm_fail_n(MTVM_EXIT_INPUT, "inputs", "cannot open " MTVM_INPUT_FILE " (it must hold "
                    "the inputs' raw bytes in descriptor order, ", (unsigned long)total,
                    " bytes)");
    }
    length = mtvm_board_file_length(handle);
    if (length >= 0 && (unsigned long)length != (unsigned long)total) {
        mtvm_fmt_t f;
        mtvm_fail_begin(&f, MTVM_EXIT_INPUT, "inputs");
        mtvm_fmt_str(&f, MTVM_INPUT_FILE " has ");
        mtvm_fmt_uint(&f, (unsigned long)length);
        mtvm_fmt_str(&f, " bytes; the model's inputs need exactly ");
        mtvm_fmt_uint(&f, (unsigned long)total);
        mtvm_result_end(&f, MTVM_EXIT_INPUT);
    }
    return handle;
}

static void mtvm_read_inputs(const mtvm_model_t* model, int handle)
{
    uint32_t i;
    for (i = 0; i < model->num_inputs; ++i) {
        const size_t bytes = model->inputs[i].bytes;
        if (mtvm_board_file_read(handle, mtvm_input_data[i], bytes) != bytes) {
            mtvm_fail_n(MTVM_EXIT_INPUT, "inputs", "short read of " MTVM_INPUT_FILE " at input ",
                        (unsigned long)i, "");
        }
    }
}

static int mtvm_open_outputs(void)
{
    const int handle = mtvm_board_file_open(MTVM_OUTPUT_FILE, 1);
    if (handle < 0) {
        mtvm_fail(MTVM_EXIT_OUTPUT, "outputs", "cannot create " MTVM_OUTPUT_FILE);
    }
    return handle;
}

static void mtvm_write_outputs(const mtvm_model_t* model, int handle)
{
    uint32_t i;
    for (i = 0; i < model->num_outputs; ++i) {
        const size_t bytes = model->outputs[i].bytes;
        if (mtvm_board_file_write(handle, mtvm_output_data[i], bytes) != bytes) {
            mtvm_fail_n(MTVM_EXIT_OUTPUT, "outputs", "short write of " MTVM_OUTPUT_FILE
                        " at output ", (unsigned long)i, "");
        }
    }
}

#if MTVM_FAULT_TEST
/* Volatile, so that the compiler neither folds the address nor warns about it. */
static volatile uintptr_t mtvm_fault_address = MTVM_BOARD_FAULT_ADDRESS;

static void mtvm_fault_test(void)
{
    mtvm_platform_log("fault test: reading MTVM_BOARD_FAULT_ADDRESS");
    (void)*(volatile const uint32_t*)mtvm_fault_address;
    mtvm_platform_log("fault test: the read did not fault");
}
#endif

/* Runs one model MTVM_REPEAT times on its inputs, writes its outputs and prints its result line. */
static void mtvm_run_one(const mtvm_model_t* model, int* input_handle, int* output_handle,
                         uint32_t runs)
{
    mtvm_context_t context;
    mtvm_status_t status;
    uint8_t* inputs_struct = NULL;
    uint8_t* outputs_struct = NULL;
    uint64_t overhead = 0;
    uint64_t elapsed = 0;
    uint64_t net;
    unsigned long run;
    mtvm_fmt_t f;

    mtvm_current = model;
    mtvm_carve_all(model, &inputs_struct, &outputs_struct);
    if (*input_handle == -2) {
        *input_handle = mtvm_open_inputs(runs);
    }
    if (*input_handle >= 0) {
        mtvm_read_inputs(model, *input_handle);
    }

    status = mtvm_context_init(&context);
    if (status != MTVM_OK) {
        mtvm_fail_status("mtvm_context_init", status);
    }
    status = mtvm_set_workspaces(&context, mtvm_pools,
                                 model->num_pools <= MTVM_MAX_POOLS ? model->num_pools : 0);
    if (status != MTVM_OK) {
        mtvm_fail_status("mtvm_set_workspaces", status);
    }

    /* The cost of the measurement itself: start and stop with nothing between. */
    if (mtvm_platform_timer_start() == MTVM_OK) {
        (void)mtvm_platform_timer_stop(&overhead);
    }
    (void)mtvm_platform_timer_start();
    for (run = 0; run < (unsigned long)MTVM_REPEAT; ++run) {
        status = mtvm_run(model, inputs_struct, outputs_struct, &context);
        if (status != MTVM_OK) {
            break;
        }
    }
    (void)mtvm_platform_timer_stop(&elapsed);
    if (status != MTVM_OK) {
        mtvm_fail_status("mtvm_run", status);
    }
    if (*output_handle < 0) {
        *output_handle = mtvm_open_outputs();
    }
    mtvm_write_outputs(model, *output_handle);

    net = elapsed > overhead ? elapsed - overhead : 0;
    mtvm_result_begin(&f, MTVM_EXIT_OK);
    mtvm_fmt_str(&f, " status=0 name=MTVM_OK model=");
    mtvm_fmt_str(&f, model->name);
    mtvm_fmt_str(&f, " repeat=");
    mtvm_fmt_uint(&f, (unsigned long)MTVM_REPEAT);
    mtvm_fmt_str(&f, " " MTVM_BOARD_COUNTER_UNIT "=");
    mtvm_fmt_u64(&f, net);
    mtvm_fmt_str(&f, " per_run=");
    mtvm_fmt_u64(&f, net / (uint64_t)MTVM_REPEAT);
    mtvm_fmt_str(&f, " resolution=");
    mtvm_fmt_uint(&f, (unsigned long)mtvm_board_counter_resolution());
    mtvm_fmt_str(&f, " overhead=");
    mtvm_fmt_u64(&f, overhead);
    mtvm_board_console_write(mtvm_line);
    mtvm_board_console_write("\n");
}

int main(void)
{
    int input_handle = -2; /* -2: not opened yet; -1: no inputs at all */
    int output_handle = -1;
    uint32_t runs;
    uint32_t r;

    mtvm_current = mtvm_models[0];
    mtvm_board_init();
#if MTVM_FAULT_TEST
    mtvm_fault_test();
#endif
    runs = mtvm_read_plan();
    for (r = 0; r < runs; ++r) {
        mtvm_run_one(mtvm_models[mtvm_plan[r]], &input_handle, &output_handle, runs);
    }
    if (input_handle >= 0) {
        (void)mtvm_board_file_close(input_handle);
    }
    if (output_handle < 0) {
        output_handle = mtvm_open_outputs();
    }
    if (mtvm_board_file_close(output_handle) != 0) {
        mtvm_fail(MTVM_EXIT_OUTPUT, "outputs", "cannot close " MTVM_OUTPUT_FILE);
    }
    mtvm_board_exit(MTVM_EXIT_OK);
}
