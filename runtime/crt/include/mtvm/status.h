/*
 * MicroTvm C runtime: status codes and the last-error string.
 *
 * Every runtime function returns an mtvm_status_t; generated code and firmware check it on
 * every call. A failing call also writes a one-line description into a fixed-size static
 * buffer, read with mtvm_last_error(), and passes the same text to mtvm_platform_log(). A
 * successful call of mtvm_run, mtvm_set_workspaces or mtvm_context_init leaves the last error
 * empty. How much the description says is a build option of the library, MTVM_ERROR_DETAIL.
 *
 * The last-error buffer is shared by the whole program: the runtime is not re-entrant
 * across threads or interrupt handlers that both run models.
 */
#ifndef MTVM_STATUS_H_
#define MTVM_STATUS_H_

#ifdef __cplusplus
extern "C" {
#endif

/* Numeric values are part of the ABI: never renumber, only append before MTVM_STATUS_COUNT. */
typedef enum mtvm_status {
    MTVM_OK = 0,
    /* A required pointer argument (model, context, inputs, outputs, pools) is NULL. */
    MTVM_ERR_NULL_ARGUMENT = 1,
    /* The model descriptor was generated for another runtime ABI version. */
    MTVM_ERR_ABI_MISMATCH = 2,
    /* The model descriptor is inconsistent (no name, no run function, bad alignment...). */
    MTVM_ERR_INVALID_MODEL = 3,
    /* A member of the inputs struct is NULL. */
    MTVM_ERR_MISSING_INPUT = 4,
    /* A member of the outputs struct is NULL. */
    MTVM_ERR_MISSING_OUTPUT = 5,
    /* An input or output buffer is not aligned as its tensor description requires. */
    MTVM_ERR_MISALIGNED_BUFFER = 6,
    /* mtvm_set_workspaces: a pool has no name or no buffer. */
    MTVM_ERR_INVALID_WORKSPACE = 7,
    /* mtvm_set_workspaces: two pools have the same name. */
    MTVM_ERR_DUPLICATE_WORKSPACE = 8,
    /* The context has no pool with a name the model needs. */
    MTVM_ERR_MISSING_WORKSPACE = 9,
    /* A pool is smaller than the model needs. */
    MTVM_ERR_WORKSPACE_TOO_SMALL = 10,
    /* A pool's buffer is not aligned as the model needs. */
    MTVM_ERR_MISALIGNED_WORKSPACE = 11,
    /* The model has more pools than this runtime was built for (MTVM_MAX_POOLS). */
    MTVM_ERR_TOO_MANY_POOLS = 12,
    /* A caller-supplied buffer was too small; the result was truncated. */
    MTVM_ERR_BUFFER_TOO_SMALL = 13,
    /* An optional platform feature (the timer) is not implemented. */
    MTVM_ERR_NOT_SUPPORTED = 14,
    /* Generated code reported a failure while running the model. */
    MTVM_ERR_KERNEL = 15
} mtvm_status_t;

/* One past the largest status value. */
#define MTVM_STATUS_COUNT 16

/*
 * What the last error says; a property of the built library, like MTVM_MAX_POOLS: build the
 * library and its users with the same -DMTVM_ERROR_DETAIL=0|1 (CMake: MTVM_CRT_ERROR_DETAIL;
 * firmware templates: ERROR_DETAIL). Statuses, checks and their order are the same in both.
 *   1 (default): an English sentence naming the function, the model, the tensor or pool and the
 *                numbers involved, e.g.
 *                "mtvm_run: model 'tiny_cnn': workspace pool 'sram' has 43 bytes; needs 44".
 *   0 (minimal): "status <n>" and, when the check is about one named tensor or pool, its
 *                name: "status 10 'sram'". No message texts, no formatter and no status names
 *                are linked: what mtvm_run needs of the runtime takes about 1 KB of flash on a
 *                Cortex-M4 (docs/runtime.md, "Error detail and footprint").
 */
#ifndef MTVM_ERROR_DETAIL
#define MTVM_ERROR_DETAIL 1
#endif
#if MTVM_ERROR_DETAIL != 0 && MTVM_ERROR_DETAIL != 1
#error "MTVM_ERROR_DETAIL must be 0 or 1"
#endif

/* Size of the last-error buffer, terminating NUL included. Longer messages end in "...". */
#if MTVM_ERROR_DETAIL
#define MTVM_LAST_ERROR_SIZE 160
#else
#define MTVM_LAST_ERROR_SIZE 64
#endif

/* The enumerator's spelling ("MTVM_ERR_ABI_MISMATCH"), or "MTVM_STATUS_UNKNOWN". */
const char* mtvm_status_name(mtvm_status_t status);

/* The description of the most recent failure; "" if the most recent call succeeded. Never NULL. */
const char* mtvm_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* MTVM_STATUS_H_ */
