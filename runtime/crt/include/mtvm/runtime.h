/*
 * MicroTvm C runtime: model descriptors, the execution context and the generic entry point.
 *
 * The compiler emits, per model, a constant mtvm_model_t describing the model and a typed
 * API on top of it (docs/runtime.md, "The generated-code contract"):
 *
 *     struct mtvmgen_tiny_cnn_inputs     { int8_t* input_1; };
 *     struct mtvmgen_tiny_cnn_outputs    { int8_t* output; };
 *     struct mtvmgen_tiny_cnn_workspaces { uint8_t* sram; };
 *     extern const mtvm_model_t mtvmgen_tiny_cnn_model;
 *     mtvm_status_t mtvmgen_tiny_cnn_run(const struct mtvmgen_tiny_cnn_inputs* inputs,
 *                                        struct mtvmgen_tiny_cnn_outputs* outputs,
 *                                        mtvm_context_t* context);
 *
 * Firmware use (every status checked):
 *
 *     static uint8_t sram[MTVMGEN_TINY_CNN_POOL_SRAM_SIZE]
 *         __attribute__((aligned(MTVMGEN_TINY_CNN_POOL_SRAM_ALIGNMENT)));
 *     static mtvm_workspace_t pools[] = {
 *         { MTVMGEN_TINY_CNN_POOL_SRAM_NAME, sram, sizeof sram },
 *     };
 *     mtvm_context_t context;
 *     mtvm_context_init(&context);
 *     mtvm_set_workspaces(&context, pools, 1);
 *     struct mtvmgen_tiny_cnn_inputs inputs = { image };
 *     struct mtvmgen_tiny_cnn_outputs outputs = { scores };
 *     if (mtvmgen_tiny_cnn_run(&inputs, &outputs, &context) != MTVM_OK) {
 *         mtvm_platform_log(mtvm_last_error());
 *     }
 *
 * No function here allocates, blocks or uses stdio; all state lives in caller-owned structs.
 */
#ifndef MTVM_RUNTIME_H_
#define MTVM_RUNTIME_H_

#include <stddef.h>
#include <stdint.h>

#include "mtvm/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The ABI version this header describes. Generated code stores the version it was generated
 * for in mtvm_model_t.abi_version (and checks MTVM_ABI_VERSION at compile time); mtvm_run
 * refuses a descriptor of another version. Bump it on any change to the layout or meaning of
 * mtvm_model_t, mtvm_tensor_desc_t, mtvm_pool_desc_t, mtvm_run_fn or mtvm_context_t.
 */
#define MTVM_ABI_VERSION 1u

/*
 * How many workspace pools one model may have. mtvm_run keeps one pointer per pool on its
 * stack. This is a property of the built library: change it with -DMTVM_MAX_POOLS=N for the
 * library and every user alike (CMake: MTVM_CRT_MAX_POOLS).
 */
#ifndef MTVM_MAX_POOLS
#define MTVM_MAX_POOLS 8
#endif

/* Element types; values are ABI. The metadata.json spelling is in the comment. */
typedef enum mtvm_dtype {
    MTVM_DTYPE_INT8 = 1,     /* "int8"    -> int8_t   */
    MTVM_DTYPE_UINT8 = 2,    /* "uint8"   -> uint8_t  */
    MTVM_DTYPE_INT16 = 3,    /* "int16"   -> int16_t  */
    MTVM_DTYPE_INT32 = 4,    /* "int32"   -> int32_t  */
    MTVM_DTYPE_INT64 = 5,    /* "int64"   -> int64_t  */
    MTVM_DTYPE_FLOAT32 = 6,  /* "float32" -> float    */
    MTVM_DTYPE_BOOL = 7      /* "bool"    -> uint8_t  */
} mtvm_dtype_t;

/* Static description of one model input or output. */
typedef struct mtvm_tensor_desc {
    const char* name;        /* the model's tensor name, unsanitised (metadata.json "name") */
    size_t offset;           /* offsetof(struct mtvmgen_<model>_inputs|outputs, <member>) */
    mtvm_dtype_t dtype;
    uint32_t rank;
    const uint32_t* shape;   /* rank dimensions; may be NULL when rank is 0 */
    size_t bytes;            /* size of the buffer the caller supplies */
    size_t alignment;        /* required alignment of that buffer: a power of two, >= 1 */
} mtvm_tensor_desc_t;

/* Static description of one workspace pool the model's memory plan uses. */
typedef struct mtvm_pool_desc {
    const char* name;        /* pool name; matched against mtvm_workspace_t.name */
    size_t bytes;            /* smallest size that holds the plan */
    size_t alignment;        /* required alignment of the pool's base: a power of two, >= 1 */
} mtvm_pool_desc_t;

struct mtvm_context;

/*
 * The generated implementation. mtvm_run calls it only after every check passed:
 * inputs and outputs point to the model's typed structs (all members non-NULL and aligned),
 * pools[i] is the base of a buffer of at least pools_desc[i].bytes bytes, aligned as
 * described, in the order of mtvm_model_t.pools. It returns MTVM_OK or a failure status.
 */
typedef mtvm_status_t (*mtvm_run_fn)(const void* inputs, void* outputs, uint8_t* const* pools,
                                     struct mtvm_context* context);

/* Everything the runtime knows about a model. Generated as one const object per model. */
typedef struct mtvm_model {
    uint32_t abi_version;    /* MTVM_ABI_VERSION at generation time; always the first member */
    const char* name;        /* the model name, unsanitised */
    uint32_t num_inputs;
    const mtvm_tensor_desc_t* inputs;
    uint32_t num_outputs;
    const mtvm_tensor_desc_t* outputs;
    uint32_t num_pools;
    const mtvm_pool_desc_t* pools;
    mtvm_run_fn run;
} mtvm_model_t;

/* A caller-owned buffer handed to the runtime as one named workspace pool. */
typedef struct mtvm_workspace {
    const char* name;        /* the pool name the model uses (MTVMGEN_<MODEL>_POOL_<NAME>_NAME) */
    uint8_t* data;           /* base of the buffer */
    size_t size;             /* bytes available at data */
} mtvm_workspace_t;

/*
 * Per-invocation state, owned by the caller. Members are grouped by concern so that later
 * additions (devices, profiling) do not move the existing ones. Initialise with
 * mtvm_context_init and change only through the mtvm_* functions.
 */
typedef struct mtvm_context {
    struct {
        mtvm_workspace_t* pools; /* not copied: must outlive every mtvm_run with this context */
        size_t num_pools;
    } memory;
} mtvm_context_t;

/* Empties the context (no pools). MTVM_ERR_NULL_ARGUMENT for NULL. */
mtvm_status_t mtvm_context_init(mtvm_context_t* context);

/*
 * Installs pools[0..num_pools) as the context's workspaces, replacing earlier ones. Each
 * pool needs a name and a buffer; names must be unique. Sizes and alignment are checked by
 * mtvm_run against each model's needs, so one set of pools can serve several models.
 * On failure the context keeps its previous pools.
 * Status: MTVM_OK, MTVM_ERR_NULL_ARGUMENT (context NULL, or pools NULL with num_pools > 0),
 * MTVM_ERR_INVALID_WORKSPACE, MTVM_ERR_DUPLICATE_WORKSPACE.
 */
mtvm_status_t mtvm_set_workspaces(mtvm_context_t* context, mtvm_workspace_t* pools,
                                  size_t num_pools);

/*
 * The stable, generic entry point: checks everything, then calls model->run.
 *   inputs  -> the model's struct mtvmgen_<model>_inputs  (may be NULL if it has no inputs)
 *   outputs -> the model's struct mtvmgen_<model>_outputs (may be NULL if it has no outputs)
 * Checks, in this order: model non-NULL; ABI version; descriptor consistency; number of
 * pools <= MTVM_MAX_POOLS; context non-NULL; inputs and outputs non-NULL; every input and
 * output member non-NULL and aligned; for every model pool a context pool of that name, large
 * enough and aligned. The first failing check decides the status and the last error.
 * The generated mtvmgen_<model>_run is this function applied to the model's descriptor.
 */
mtvm_status_t mtvm_run(const mtvm_model_t* model, const void* inputs, void* outputs,
                       mtvm_context_t* context);

#ifdef __cplusplus
}
#endif

#endif /* MTVM_RUNTIME_H_ */
