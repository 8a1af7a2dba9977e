/*
 * The generic entry point: context set-up, descriptor and argument checks, pool resolution.
 *
 * mtvm_run checks in a fixed order (documented in mtvm/runtime.h) so that the first failing
 * check, and only it, decides the status and the last error. On success it resolves every
 * pool the model names to the context's buffer of that name and calls the generated run
 * function with the bases in the model's pool order.
 *
 * Every failure writes its message through the MTVM_ERROR_* macros (mtvm_internal.h) and ends
 * with MTVM_ERROR_END(status, subject): a sentence with MTVM_ERROR_DETAIL=1; with 0 the message
 * code vanishes at compile time and only the status and the subject (the tensor's or pool's
 * name, or NULL) are kept.
 */
#include <stddef.h>
#include <stdint.h>

#include "mtvm/format.h"
#include "mtvm/runtime.h"
#include "mtvm_internal.h"

static int mtvm_str_equal(const char* a, const char* b)
{
    while (*a != '\0' && *a == *b) {
        ++a;
        ++b;
    }
    return *a == *b;
}

static int mtvm_is_power_of_two(size_t value)
{
    return value != 0 && (value & (value - 1)) == 0;
}

static int mtvm_is_aligned(const void* p, size_t alignment)
{
    return ((uintptr_t)p & (uintptr_t)(alignment - 1)) == 0;
}

/* Reads the pointer member at byte offset `offset` of a typed inputs/outputs struct. */
static void* mtvm_member(const void* base, size_t offset)
{
    /*
     * Byte-wise copy, so no aliasing rule is broken whatever the member's pointee type;
     * the contract (docs/runtime.md) requires every member to be an object pointer, and all
     * supported targets represent object pointers like void*.
     */
    const unsigned char* from = (const unsigned char*)base + offset;
    void* value;
    unsigned char* to = (unsigned char*)&value;
    size_t i;
    for (i = 0; i < sizeof value; ++i) {
        to[i] = from[i];
    }
    return value;
}

/* "mtvm_run: model '<name>': " */
static mtvm_fmt_t* mtvm_run_error(const mtvm_model_t* model)
{
    mtvm_fmt_t* f = mtvm_error_begin();
    MTVM_ERROR_STR(f, "mtvm_run: model '");
    MTVM_ERROR_STR(f, model->name);
    MTVM_ERROR_STR(f, "': ");
    return f;
}

/* "<kind> <index> '<name>'" */
static void mtvm_fmt_item(mtvm_fmt_t* f, const char* kind, uint32_t index, const char* name)
{
    MTVM_ERROR_STR(f, kind);
    MTVM_ERROR_STR(f, " ");
    MTVM_ERROR_UINT(f, index);
    MTVM_ERROR_STR(f, " '");
    MTVM_ERROR_STR(f, name);
    MTVM_ERROR_STR(f, "'");
}

static mtvm_status_t mtvm_check_tensor_descs(const mtvm_model_t* model, const char* kind,
                                             const mtvm_tensor_desc_t* descs, uint32_t count)
{
    uint32_t i;
    mtvm_fmt_t* f;
    if (count != 0 && descs == NULL) {
        f = mtvm_run_error(model);
        MTVM_ERROR_STR(f, kind);
        MTVM_ERROR_STR(f, "s are NULL but there are ");
        MTVM_ERROR_UINT(f, count);
        return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, NULL);
    }
    for (i = 0; i < count; ++i) {
        const mtvm_tensor_desc_t* d = &descs[i];
        if (d->name == NULL) {
            f = mtvm_run_error(model);
            MTVM_ERROR_STR(f, kind);
            MTVM_ERROR_STR(f, " ");
            MTVM_ERROR_UINT(f, i);
            MTVM_ERROR_STR(f, " has no name");
            return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, NULL);
        }
        if (!mtvm_is_power_of_two(d->alignment)) {
            f = mtvm_run_error(model);
            mtvm_fmt_item(f, kind, i, d->name);
            MTVM_ERROR_STR(f, " has alignment ");
            MTVM_ERROR_UINT(f, d->alignment);
            MTVM_ERROR_STR(f, ", not a power of two");
            return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, d->name);
        }
        if (d->rank != 0 && d->shape == NULL) {
            f = mtvm_run_error(model);
            mtvm_fmt_item(f, kind, i, d->name);
            MTVM_ERROR_STR(f, " has rank ");
            MTVM_ERROR_UINT(f, d->rank);
            MTVM_ERROR_STR(f, " but no shape");
            return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, d->name);
        }
    }
    return MTVM_OK;
}

static mtvm_status_t mtvm_check_model(const mtvm_model_t* model)
{
    mtvm_status_t status;
    mtvm_fmt_t* f;
    uint32_t i;
    if (model->abi_version != MTVM_ABI_VERSION) {
        /* Nothing but abi_version may be read from a descriptor of another ABI. */
        f = mtvm_error_begin();
        MTVM_ERROR_STR(f, "mtvm_run: model has ABI version ");
        MTVM_ERROR_UINT(f, model->abi_version);
        MTVM_ERROR_STR(f, "; this runtime implements ");
        MTVM_ERROR_UINT(f, MTVM_ABI_VERSION);
        return MTVM_ERROR_END(MTVM_ERR_ABI_MISMATCH, NULL);
    }
    if (model->name == NULL) {
        f = mtvm_error_begin();
        MTVM_ERROR_STR(f, "mtvm_run: model has no name");
        return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, NULL);
    }
    if (model->run == NULL) {
        f = mtvm_run_error(model);
        MTVM_ERROR_STR(f, "no run function");
        return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, NULL);
    }
    status = mtvm_check_tensor_descs(model, "input", model->inputs, model->num_inputs);
    if (status != MTVM_OK) {
        return status;
    }
    status = mtvm_check_tensor_descs(model, "output", model->outputs, model->num_outputs);
    if (status != MTVM_OK) {
        return status;
    }
    if (model->num_pools != 0 && model->pools == NULL) {
        f = mtvm_run_error(model);
        MTVM_ERROR_STR(f, "pools are NULL but there are ");
        MTVM_ERROR_UINT(f, model->num_pools);
        return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, NULL);
    }
    for (i = 0; i < model->num_pools; ++i) {
        const mtvm_pool_desc_t* p = &model->pools[i];
        if (p->name == NULL) {
            f = mtvm_run_error(model);
            MTVM_ERROR_STR(f, "pool ");
            MTVM_ERROR_UINT(f, i);
            MTVM_ERROR_STR(f, " has no name");
            return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, NULL);
        }
        if (!mtvm_is_power_of_two(p->alignment)) {
            f = mtvm_run_error(model);
            mtvm_fmt_item(f, "pool", i, p->name);
            MTVM_ERROR_STR(f, " has alignment ");
            MTVM_ERROR_UINT(f, p->alignment);
            MTVM_ERROR_STR(f, ", not a power of two");
            return MTVM_ERROR_END(MTVM_ERR_INVALID_MODEL, p->name);
        }
    }
    if (model->num_pools > MTVM_MAX_POOLS) {
        f = mtvm_run_error(model);
        MTVM_ERROR_STR(f, "needs ");
        MTVM_ERROR_UINT(f, model->num_pools);
        MTVM_ERROR_STR(f, " pools; this runtime supports at most ");
        MTVM_ERROR_UINT(f, MTVM_MAX_POOLS);
        MTVM_ERROR_STR(f, " (MTVM_MAX_POOLS)");
        return MTVM_ERROR_END(MTVM_ERR_TOO_MANY_POOLS, NULL);
    }
    return MTVM_OK;
}

static mtvm_status_t mtvm_check_buffers(const mtvm_model_t* model, const char* kind,
                                        const mtvm_tensor_desc_t* descs, uint32_t count,
                                        const void* typed, mtvm_status_t missing)
{
    uint32_t i;
    mtvm_fmt_t* f;
    for (i = 0; i < count; ++i) {
        const void* buffer = mtvm_member(typed, descs[i].offset);
        if (buffer == NULL) {
            f = mtvm_run_error(model);
            mtvm_fmt_item(f, kind, i, descs[i].name);
            MTVM_ERROR_STR(f, " has no buffer (NULL)");
            return MTVM_ERROR_END(missing, descs[i].name);
        }
        if (!mtvm_is_aligned(buffer, descs[i].alignment)) {
            f = mtvm_run_error(model);
            mtvm_fmt_item(f, kind, i, descs[i].name);
            MTVM_ERROR_STR(f, " buffer is not aligned to ");
            MTVM_ERROR_UINT(f, descs[i].alignment);
            MTVM_ERROR_STR(f, " bytes");
            return MTVM_ERROR_END(MTVM_ERR_MISALIGNED_BUFFER, descs[i].name);
        }
    }
    return MTVM_OK;
}

static mtvm_status_t mtvm_resolve_pools(const mtvm_model_t* model, const mtvm_context_t* context,
                                        uint8_t** bases)
{
    uint32_t i;
    size_t j;
    mtvm_fmt_t* f;
    for (i = 0; i < model->num_pools; ++i) {
        const mtvm_pool_desc_t* need = &model->pools[i];
        const mtvm_workspace_t* given = NULL;
        for (j = 0; j < context->memory.num_pools; ++j) {
            if (mtvm_str_equal(context->memory.pools[j].name, need->name)) {
                given = &context->memory.pools[j];
                break;
            }
        }
        if (given == NULL) {
            f = mtvm_run_error(model);
            MTVM_ERROR_STR(f, "no workspace pool '");
            MTVM_ERROR_STR(f, need->name);
            MTVM_ERROR_STR(f, "' in the context (needs ");
            MTVM_ERROR_UINT(f, need->bytes);
            MTVM_ERROR_STR(f, " bytes aligned to ");
            MTVM_ERROR_UINT(f, need->alignment);
            MTVM_ERROR_STR(f, ")");
            return MTVM_ERROR_END(MTVM_ERR_MISSING_WORKSPACE, need->name);
        }
        if (given->size < need->bytes) {
            f = mtvm_run_error(model);
            MTVM_ERROR_STR(f, "workspace pool '");
            MTVM_ERROR_STR(f, need->name);
            MTVM_ERROR_STR(f, "' has ");
            MTVM_ERROR_UINT(f, given->size);
            MTVM_ERROR_STR(f, " bytes; needs ");
            MTVM_ERROR_UINT(f, need->bytes);
            return MTVM_ERROR_END(MTVM_ERR_WORKSPACE_TOO_SMALL, need->name);
        }
        if (!mtvm_is_aligned(given->data, need->alignment)) {
            f = mtvm_run_error(model);
            MTVM_ERROR_STR(f, "workspace pool '");
            MTVM_ERROR_STR(f, need->name);
            MTVM_ERROR_STR(f, "' is not aligned to ");
            MTVM_ERROR_UINT(f, need->alignment);
            MTVM_ERROR_STR(f, " bytes");
            return MTVM_ERROR_END(MTVM_ERR_MISALIGNED_WORKSPACE, need->name);
        }
        bases[i] = given->data;
    }
    return MTVM_OK;
}

mtvm_status_t mtvm_context_init(mtvm_context_t* context)
{
    mtvm_error_clear();
    if (context == NULL) {
        MTVM_ERROR_STR(mtvm_error_begin(), "mtvm_context_init: context is NULL");
        return MTVM_ERROR_END(MTVM_ERR_NULL_ARGUMENT, NULL);
    }
    context->memory.pools = NULL;
    context->memory.num_pools = 0;
    return MTVM_OK;
}

mtvm_status_t mtvm_set_workspaces(mtvm_context_t* context, mtvm_workspace_t* pools,
                                  size_t num_pools)
{
    size_t i;
    size_t j;
    mtvm_fmt_t* f;
    mtvm_error_clear();
    if (context == NULL) {
        MTVM_ERROR_STR(mtvm_error_begin(), "mtvm_set_workspaces: context is NULL");
        return MTVM_ERROR_END(MTVM_ERR_NULL_ARGUMENT, NULL);
    }
    if (pools == NULL && num_pools != 0) {
        f = mtvm_error_begin();
        MTVM_ERROR_STR(f, "mtvm_set_workspaces: pools is NULL but num_pools is ");
        MTVM_ERROR_UINT(f, num_pools);
        return MTVM_ERROR_END(MTVM_ERR_NULL_ARGUMENT, NULL);
    }
    for (i = 0; i < num_pools; ++i) {
        if (pools[i].name == NULL) {
            f = mtvm_error_begin();
            MTVM_ERROR_STR(f, "mtvm_set_workspaces: pool ");
            MTVM_ERROR_UINT(f, i);
            MTVM_ERROR_STR(f, " has no name");
            return MTVM_ERROR_END(MTVM_ERR_INVALID_WORKSPACE, NULL);
        }
        if (pools[i].data == NULL) {
            f = mtvm_error_begin();
            MTVM_ERROR_STR(f, "mtvm_set_workspaces: pool ");
            MTVM_ERROR_UINT(f, i);
            MTVM_ERROR_STR(f, " '");
            MTVM_ERROR_STR(f, pools[i].name);
            MTVM_ERROR_STR(f, "' has no buffer (NULL)");
            return MTVM_ERROR_END(MTVM_ERR_INVALID_WORKSPACE, pools[i].name);
        }
        for (j = 0; j < i; ++j) {
            if (mtvm_str_equal(pools[j].name, pools[i].name)) {
                f = mtvm_error_begin();
                MTVM_ERROR_STR(f, "mtvm_set_workspaces: pools ");
                MTVM_ERROR_UINT(f, j);
                MTVM_ERROR_STR(f, " and ");
                MTVM_ERROR_UINT(f, i);
                MTVM_ERROR_STR(f, " are both named '");
                MTVM_ERROR_STR(f, pools[i].name);
                MTVM_ERROR_STR(f, "'");
                return MTVM_ERROR_END(MTVM_ERR_DUPLICATE_WORKSPACE, pools[i].name);
            }
        }
    }
    context->memory.pools = num_pools != 0 ? pools : NULL;
    context->memory.num_pools = num_pools;
    return MTVM_OK;
}

mtvm_status_t mtvm_run(const mtvm_model_t* model, const void* inputs, void* outputs,
                       mtvm_context_t* context)
{
    uint8_t* bases[MTVM_MAX_POOLS];
    mtvm_status_t status;
    mtvm_fmt_t* f;
    mtvm_error_clear();
    if (model == NULL) {
        MTVM_ERROR_STR(mtvm_error_begin(), "mtvm_run: model is NULL");
        return MTVM_ERROR_END(MTVM_ERR_NULL_ARGUMENT, NULL);
    }
    status = mtvm_check_model(model);
    if (status != MTVM_OK) {
        return status;
    }
    if (context == NULL) {
        MTVM_ERROR_STR(mtvm_run_error(model), "context is NULL");
        return MTVM_ERROR_END(MTVM_ERR_NULL_ARGUMENT, NULL);
    }
    if (inputs == NULL && model->num_inputs != 0) {
        MTVM_ERROR_STR(mtvm_run_error(model), "inputs is NULL");
        return MTVM_ERROR_END(MTVM_ERR_NULL_ARGUMENT, NULL);
    }
    if (outputs == NULL && model->num_outputs != 0) {
        MTVM_ERROR_STR(mtvm_run_error(model), "outputs is NULL");
        return MTVM_ERROR_END(MTVM_ERR_NULL_ARGUMENT, NULL);
    }
    status = mtvm_check_buffers(model, "input", model->inputs, model->num_inputs, inputs,
                                MTVM_ERR_MISSING_INPUT);
    if (status != MTVM_OK) {
        return status;
    }
    status = mtvm_check_buffers(model, "output", model->outputs, model->num_outputs, outputs,
                                MTVM_ERR_MISSING_OUTPUT);
    if (status != MTVM_OK) {
        return status;
    }
    status = mtvm_resolve_pools(model, context, bases);
    if (status != MTVM_OK) {
        return status;
    }
    status = model->run(inputs, outputs, bases, context);
    if (status != MTVM_OK && mtvm_last_error()[0] == '\0') {
        /* The generated code reported no detail: name the status at least. */
        f = mtvm_run_error(model);
        MTVM_ERROR_STR(f, "run function returned ");
        MTVM_ERROR_STR(f, mtvm_status_name(status));
        return MTVM_ERROR_END(status, NULL);
    }
    return status;
}
