/*
 * The weak default platform hooks, linked because this test defines none of its own:
 * log accepts anything, the timer reports MTVM_ERR_NOT_SUPPORTED. (The default abort spins
 * forever, so it is not called here; test_run.c shows that a strong definition wins.)
 */
#include <stdint.h>

#include "mtvm/platform.h"
#include "mtvm/runtime.h"
#include "mtvm_test.h"

static void test_default_log_accepts_messages(void)
{
    mtvm_platform_log("hello from the default log");
    mtvm_platform_log("");
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_context_init(NULL)); /* logs through the default */
    CHECK_EQ_STR(ERROR_TEXT("mtvm_context_init: context is NULL", "status 1"), mtvm_last_error());
}

static void test_default_timer_is_not_supported(void)
{
    uint64_t elapsed = 42;
    CHECK_STATUS(MTVM_ERR_NOT_SUPPORTED, mtvm_platform_timer_start());
    CHECK_STATUS(MTVM_ERR_NOT_SUPPORTED, mtvm_platform_timer_stop(&elapsed));
    CHECK_EQ_INT(0, elapsed);
    CHECK_STATUS(MTVM_ERR_NOT_SUPPORTED, mtvm_platform_timer_stop(NULL));
}

static void test_abort_is_declared_noreturn(void)
{
    /* Taking the address links the default; calling it would never return. */
    void (*abort_hook)(mtvm_status_t) = mtvm_platform_abort;
    CHECK(abort_hook != NULL);
}

int main(void)
{
    RUN_TEST(test_default_log_accepts_messages);
    RUN_TEST(test_default_timer_is_not_supported);
    RUN_TEST(test_abort_is_declared_noreturn);
    return mtvm_test_report();
}
