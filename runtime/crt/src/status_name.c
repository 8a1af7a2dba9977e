/*
 * Status names. Their own translation unit: firmware built with MTVM_ERROR_DETAIL=0 links them
 * only when it calls mtvm_status_name itself.
 */
#include "mtvm/status.h"

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

const char* mtvm_status_name(mtvm_status_t status)
{
    const unsigned int index = (unsigned int)status;
    if (index >= MTVM_STATUS_COUNT) {
        return "MTVM_STATUS_UNKNOWN";
    }
    return mtvm_status_names[index];
}
