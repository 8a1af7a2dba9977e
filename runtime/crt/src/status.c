/*
 * Status names and the last-error buffer.
 */
#include "mtvm/platform.h"
#include "mtvm/status.h"
#include "mtvm_internal.h"

static const char* const mtvm_status_names[MTVM_STATUS_COUNT] = {
    "MTVM_OK",
    "MTVM_ERR_NULL_ARGUMENT",
    "MTVM_ERR_ABI_MISMATCH",
    "MTVM_ERR_INVALID_MODEL",
    "MTVM_ERR_MISSING_INPUT",
    "MTVM_ERR_MISSING_OUTPUT",
    "MTVM_ERR_MISALIGNED_BUFFER",
    "MTVM_ERR_INVALID_WORKSPACE",
    "MTVM_ERR_DUPLICATE_WORKSPACE",
    "MTVM_ERR_MISSING_WORKSPACE",
    "MTVM_ERR_WORKSPACE_TOO_SMALL",
    "MTVM_ERR_MISALIGNED_WORKSPACE",
    "MTVM_ERR_TOO_MANY_POOLS",
    "MTVM_ERR_BUFFER_TOO_SMALL",
    "MTVM_ERR_NOT_SUPPORTED",
    "MTVM_ERR_KERNEL",
};

static char mtvm_last_error_text[MTVM_LAST_ERROR_SIZE];
static mtvm_fmt_t mtvm_last_error_fmt;

const char* mtvm_status_name(mtvm_status_t status)
{
    const unsigned int index = (unsigned int)status;
    if (index >= MTVM_STATUS_COUNT) {
        return "MTVM_STATUS_UNKNOWN";
    }
    return mtvm_status_names[index];
}

const char* mtvm_last_error(void)
{
    return mtvm_last_error_text;
}

void mtvm_error_clear(void)
{
    mtvm_last_error_text[0] = '\0';
}

mtvm_fmt_t* mtvm_error_begin(void)
{
    (void)mtvm_fmt_init(&mtvm_last_error_fmt, mtvm_last_error_text, sizeof mtvm_last_error_text);
    return &mtvm_last_error_fmt;
}

mtvm_status_t mtvm_error_end(mtvm_status_t status)
{
    mtvm_platform_log(mtvm_last_error_text);
    return status;
}
