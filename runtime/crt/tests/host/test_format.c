/* The stdio-free formatter: strings, integers, truncation. */
#include <limits.h>

#include "mtvm/format.h"
#include "mtvm_test.h"

static void test_appends_strings_and_integers(void)
{
    char buffer[64];
    mtvm_fmt_t f;
    CHECK_STATUS(MTVM_OK, mtvm_fmt_init(&f, buffer, sizeof buffer));
    CHECK_EQ_STR("", buffer);
    CHECK_STATUS(MTVM_OK, mtvm_fmt_str(&f, "pool '"));
    CHECK_STATUS(MTVM_OK, mtvm_fmt_str(&f, "sram"));
    CHECK_STATUS(MTVM_OK, mtvm_fmt_str(&f, "' has "));
    CHECK_STATUS(MTVM_OK, mtvm_fmt_uint(&f, 1024ul));
    CHECK_STATUS(MTVM_OK, mtvm_fmt_str(&f, " bytes, delta "));
    CHECK_STATUS(MTVM_OK, mtvm_fmt_int(&f, -17l));
    CHECK_EQ_STR("pool 'sram' has 1024 bytes, delta -17", buffer);
    CHECK_EQ_INT(strlen(buffer), f.length);
    CHECK_EQ_INT(0, f.truncated);
}

static void test_integer_edges(void)
{
    char buffer[64];
    char expected[64];
    mtvm_fmt_t f;
    mtvm_fmt_init(&f, buffer, sizeof buffer);
    mtvm_fmt_uint(&f, 0ul);
    mtvm_fmt_str(&f, " ");
    mtvm_fmt_int(&f, 0l);
    mtvm_fmt_str(&f, " ");
    mtvm_fmt_int(&f, 9l);
    mtvm_fmt_str(&f, " ");
    mtvm_fmt_int(&f, -10l);
    CHECK_EQ_STR("0 0 9 -10", buffer);

    mtvm_fmt_init(&f, buffer, sizeof buffer);
    mtvm_fmt_uint(&f, ULONG_MAX);
    sprintf(expected, "%lu", ULONG_MAX);
    CHECK_EQ_STR(expected, buffer);

    mtvm_fmt_init(&f, buffer, sizeof buffer);
    mtvm_fmt_int(&f, LONG_MIN);
    mtvm_fmt_str(&f, " ");
    mtvm_fmt_int(&f, LONG_MAX);
    sprintf(expected, "%ld %ld", LONG_MIN, LONG_MAX);
    CHECK_EQ_STR(expected, buffer);
}

static void test_null_string_prints_placeholder(void)
{
    char buffer[16];
    mtvm_fmt_t f;
    mtvm_fmt_init(&f, buffer, sizeof buffer);
    CHECK_STATUS(MTVM_OK, mtvm_fmt_str(&f, NULL));
    CHECK_EQ_STR("(null)", buffer);
}

static void test_truncation_is_marked_and_sticky(void)
{
    char buffer[10];
    mtvm_fmt_t f;
    mtvm_fmt_init(&f, buffer, sizeof buffer);
    CHECK_STATUS(MTVM_OK, mtvm_fmt_str(&f, "123456789"));
    CHECK_EQ_STR("123456789", buffer); /* exactly fits: 9 characters + NUL */
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_str(&f, "0"));
    CHECK_EQ_STR("123456...", buffer);
    CHECK_EQ_INT(1, f.truncated);
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_str(&f, ""));
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_uint(&f, 1ul));
    CHECK_EQ_STR("123456...", buffer);

    mtvm_fmt_init(&f, buffer, sizeof buffer);
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_int(&f, -1234567890l));
    CHECK_EQ_STR("-12345...", buffer);
}

static void test_tiny_buffers(void)
{
    char buffer[4] = { 'x', 'x', 'x', 'x' };
    mtvm_fmt_t f;
    CHECK_STATUS(MTVM_OK, mtvm_fmt_init(&f, buffer, 1));
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_str(&f, "a"));
    CHECK_EQ_STR("", buffer);
    CHECK_EQ_INT('x', buffer[1]);

    CHECK_STATUS(MTVM_OK, mtvm_fmt_init(&f, buffer, 3));
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_str(&f, "abc"));
    CHECK_EQ_STR("ab", buffer); /* too small for "..." */

    CHECK_STATUS(MTVM_OK, mtvm_fmt_init(&f, buffer, 4));
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_str(&f, "abcd"));
    CHECK_EQ_STR("...", buffer);

    CHECK_STATUS(MTVM_OK, mtvm_fmt_init(&f, NULL, 0));
    CHECK_STATUS(MTVM_ERR_BUFFER_TOO_SMALL, mtvm_fmt_str(&f, "a"));
    CHECK_STATUS(MTVM_OK, mtvm_fmt_init(&f, NULL, 0));
    CHECK_STATUS(MTVM_OK, mtvm_fmt_str(&f, "")); /* nothing to write, nothing lost */
}

static void test_null_arguments(void)
{
    char buffer[4];
    mtvm_fmt_t f;
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_fmt_init(NULL, buffer, sizeof buffer));
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_fmt_init(&f, NULL, 4));
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_fmt_str(NULL, "a"));
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_fmt_uint(NULL, 1ul));
    CHECK_STATUS(MTVM_ERR_NULL_ARGUMENT, mtvm_fmt_int(NULL, -1l));
}

int main(void)
{
    RUN_TEST(test_appends_strings_and_integers);
    RUN_TEST(test_integer_edges);
    RUN_TEST(test_null_string_prints_placeholder);
    RUN_TEST(test_truncation_is_marked_and_sticky);
    RUN_TEST(test_tiny_buffers);
    RUN_TEST(test_null_arguments);
    return mtvm_test_report();
}
