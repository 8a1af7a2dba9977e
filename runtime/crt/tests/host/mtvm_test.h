/*
 * A tiny assertion set for the runtime's unit tests (no framework; CTest reads the exit code).
 * Test-only; the tests themselves use only the runtime's public headers.
 *
 *     static void test_x(void) { CHECK_EQ_INT(3, f()); CHECK_EQ_STR("a", g()); }
 *     int main(void) { RUN_TEST(test_x); return mtvm_test_report(); }
 */
#ifndef MTVM_TEST_H_
#define MTVM_TEST_H_

#include <stdio.h>
#include <string.h>

#include "mtvm/status.h"

/* The last-error text the library's MTVM_ERROR_DETAIL (docs/runtime.md) makes: the sentence or
 * the minimal "status <n> '<name>'". */
#if MTVM_ERROR_DETAIL
#define ERROR_TEXT(detail, minimal) detail
#else
#define ERROR_TEXT(detail, minimal) minimal
#endif

static int mtvm_test_checks;
static int mtvm_test_failed_checks;
static int mtvm_test_cases;
static int mtvm_test_failed_cases;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        ++mtvm_test_checks;                                                               \
        if (!(cond)) {                                                                    \
            ++mtvm_test_failed_checks;                                                    \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);      \
        }                                                                                 \
    } while (0)

#define CHECK_EQ_INT(expected, actual)                                                    \
    do {                                                                                  \
        const long long mtvm_e_ = (long long)(expected);                                  \
        const long long mtvm_a_ = (long long)(actual);                                    \
        ++mtvm_test_checks;                                                               \
        if (mtvm_e_ != mtvm_a_) {                                                         \
            ++mtvm_test_failed_checks;                                                    \
            fprintf(stderr, "%s:%d: %s\n  expected: %lld\n  actual:   %lld\n", __FILE__,  \
                    __LINE__, #actual, mtvm_e_, mtvm_a_);                                 \
        }                                                                                 \
    } while (0)

#define CHECK_EQ_STR(expected, actual)                                                    \
    do {                                                                                  \
        const char* mtvm_e_ = (expected);                                                 \
        const char* mtvm_a_ = (actual);                                                   \
        ++mtvm_test_checks;                                                               \
        if (mtvm_a_ == NULL || strcmp(mtvm_e_, mtvm_a_) != 0) {                           \
            ++mtvm_test_failed_checks;                                                    \
            fprintf(stderr, "%s:%d: %s\n  expected: \"%s\"\n  actual:   \"%s\"\n",       \
                    __FILE__, __LINE__, #actual, mtvm_e_,                                 \
                    mtvm_a_ == NULL ? "(NULL)" : mtvm_a_);                                \
        }                                                                                 \
    } while (0)

#define CHECK_STATUS(expected, actual)                                                    \
    do {                                                                                  \
        const mtvm_status_t mtvm_e_ = (expected);                                         \
        const mtvm_status_t mtvm_a_ = (actual);                                           \
        ++mtvm_test_checks;                                                               \
        if (mtvm_e_ != mtvm_a_) {                                                         \
            ++mtvm_test_failed_checks;                                                    \
            fprintf(stderr, "%s:%d: %s\n  expected: %s\n  actual:   %s\n  last error: %s\n", \
                    __FILE__, __LINE__, #actual, mtvm_status_name(mtvm_e_),               \
                    mtvm_status_name(mtvm_a_), mtvm_last_error());                        \
        }                                                                                 \
    } while (0)

#define RUN_TEST(fn)                                                                      \
    do {                                                                                  \
        const int mtvm_before_ = mtvm_test_failed_checks;                                 \
        ++mtvm_test_cases;                                                                \
        fn();                                                                             \
        if (mtvm_test_failed_checks != mtvm_before_) {                                    \
            ++mtvm_test_failed_cases;                                                     \
            printf("[ FAIL ] %s\n", #fn);                                                 \
        } else {                                                                          \
            printf("[  OK  ] %s\n", #fn);                                                 \
        }                                                                                 \
    } while (0)

/* Prints the totals; the value for main to return (0 when everything passed). */
static int mtvm_test_report(void)
{
    printf("%d test cases (%d failed), %d checks (%d failed)\n", mtvm_test_cases,
           mtvm_test_failed_cases, mtvm_test_checks, mtvm_test_failed_checks);
    return mtvm_test_failed_checks == 0 ? 0 : 1;
}

#endif /* MTVM_TEST_H_ */
