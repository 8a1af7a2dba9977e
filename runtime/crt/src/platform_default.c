/*
 * Weak default platform hooks. A strong definition in the firmware replaces any of them.
 * Kept in its own translation unit so that, from the static library, this object is only
 * linked when the firmware leaves at least one hook undefined.
 */
#include <stddef.h>

#include "mtvm/platform.h"

#if defined(__GNUC__) || defined(__clang__)
#define MTVM_WEAK __attribute__((weak))
#else
#error "weak symbols need GCC or Clang; build with MTVM_CRT_PLATFORM_DEFAULTS=OFF and define the hooks"
#endif

MTVM_WEAK void mtvm_platform_abort(mtvm_status_t status)
{
    (void)status;
    for (;;) {
    }
}

MTVM_WEAK void mtvm_platform_log(const char* message)
{
    (void)message;
}

MTVM_WEAK mtvm_status_t mtvm_platform_timer_start(void)
{
    return MTVM_ERR_NOT_SUPPORTED;
}

MTVM_WEAK mtvm_status_t mtvm_platform_timer_stop(uint64_t* elapsed)
{
    if (elapsed != NULL) {
        *elapsed = 0;
    }
    return MTVM_ERR_NOT_SUPPORTED;
}
