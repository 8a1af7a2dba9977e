/* Status names and the initial last error. */
#include "mtvm/status.h"
#include "mtvm_test.h"

static void test_every_status_has_its_enumerator_name(void)
{
    CHECK_EQ_STR("MTVM_OK", mtvm_status_name(MTVM_OK));
    CHECK_EQ_STR("MTVM_ERR_NULL_ARGUMENT", mtvm_status_name(MTVM_ERR_NULL_ARGUMENT));
    CHECK_EQ_STR("MTVM_ERR_ABI_MISMATCH", mtvm_status_name(MTVM_ERR_ABI_MISMATCH));
    CHECK_EQ_STR("MTVM_ERR_INVALID_MODEL", mtvm_status_name(MTVM_ERR_INVALID_MODEL));
    CHECK_EQ_STR("MTVM_ERR_MISSING_INPUT", mtvm_status_name(MTVM_ERR_MISSING_INPUT));
    CHECK_EQ_STR("MTVM_ERR_MISSING_OUTPUT", mtvm_status_name(MTVM_ERR_MISSING_OUTPUT));
    CHECK_EQ_STR("MTVM_ERR_MISALIGNED_BUFFER", mtvm_status_name(MTVM_ERR_MISALIGNED_BUFFER));
    CHECK_EQ_STR("MTVM_ERR_INVALID_WORKSPACE", mtvm_status_name(MTVM_ERR_INVALID_WORKSPACE));
    CHECK_EQ_STR("MTVM_ERR_DUPLICATE_WORKSPACE", mtvm_status_name(MTVM_ERR_DUPLICATE_WORKSPACE));
    CHECK_EQ_STR("MTVM_ERR_MISSING_WORKSPACE", mtvm_status_name(MTVM_ERR_MISSING_WORKSPACE));
    CHECK_EQ_STR("MTVM_ERR_WORKSPACE_TOO_SMALL", mtvm_status_name(MTVM_ERR_WORKSPACE_TOO_SMALL));
    CHECK_EQ_STR("MTVM_ERR_MISALIGNED_WORKSPACE",
                 mtvm_status_name(MTVM_ERR_MISALIGNED_WORKSPACE));
    CHECK_EQ_STR("MTVM_ERR_TOO_MANY_POOLS", mtvm_status_name(MTVM_ERR_TOO_MANY_POOLS));
    CHECK_EQ_STR("MTVM_ERR_BUFFER_TOO_SMALL", mtvm_status_name(MTVM_ERR_BUFFER_TOO_SMALL));
    CHECK_EQ_STR("MTVM_ERR_NOT_SUPPORTED", mtvm_status_name(MTVM_ERR_NOT_SUPPORTED));
    CHECK_EQ_STR("MTVM_ERR_KERNEL", mtvm_status_name(MTVM_ERR_KERNEL));
}

static void test_status_values_are_stable(void)
{
    /* The numbers are ABI: firmware may store or transmit them. */
    CHECK_EQ_INT(0, MTVM_OK);
    CHECK_EQ_INT(2, MTVM_ERR_ABI_MISMATCH);
    CHECK_EQ_INT(15, MTVM_ERR_KERNEL);
    CHECK_EQ_INT(MTVM_ERR_KERNEL + 1, MTVM_STATUS_COUNT);
}

static void test_names_are_distinct(void)
{
    int i;
    int j;
    for (i = 0; i < MTVM_STATUS_COUNT; ++i) {
        for (j = 0; j < i; ++j) {
            CHECK(strcmp(mtvm_status_name((mtvm_status_t)i), mtvm_status_name((mtvm_status_t)j)) != 0);
        }
    }
}

static void test_unknown_status_has_a_name(void)
{
    CHECK_EQ_STR("MTVM_STATUS_UNKNOWN", mtvm_status_name((mtvm_status_t)MTVM_STATUS_COUNT));
    CHECK_EQ_STR("MTVM_STATUS_UNKNOWN", mtvm_status_name((mtvm_status_t)-1));
    CHECK_EQ_STR("MTVM_STATUS_UNKNOWN", mtvm_status_name((mtvm_status_t)1000));
}

static void test_last_error_starts_empty(void)
{
    CHECK(mtvm_last_error() != NULL);
    CHECK_EQ_STR("", mtvm_last_error());
}

int main(void)
{
    RUN_TEST(test_last_error_starts_empty);
    RUN_TEST(test_every_status_has_its_enumerator_name);
    RUN_TEST(test_status_values_are_stable);
    RUN_TEST(test_names_are_distinct);
    RUN_TEST(test_unknown_status_has_a_name);
    return mtvm_test_report();
}
