/*
 * The last-error buffer: an English sentence written through the formatter
 * (MTVM_ERROR_DETAIL=1), or the status number and the tensor's or pool's name (0).
 */
#include "mtvm/platform.h"
#include "mtvm/status.h"
#include "mtvm_internal.h"

static char mtvm_last_error_text[MTVM_LAST_ERROR_SIZE];
#if MTVM_ERROR_DETAIL
static mtvm_fmt_t mtvm_last_error_fmt;
#endif

const char* mtvm_last_error(void)
{
    return mtvm_last_error_text;
}

void mtvm_error_clear(void)
{
    mtvm_last_error_text[0] = '\0';
}

#if MTVM_ERROR_DETAIL

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

#else

/* Appends s at text[*n], keeping room for the NUL; returns 0 once the buffer is full. */
static int mtvm_error_append(size_t* n, const char* s)
{
    while (*s != '\0') {
        if (*n + 1 >= sizeof mtvm_last_error_text) {
            return 0;
        }
        mtvm_last_error_text[(*n)++] = *s++;
    }
    return 1;
}

mtvm_status_t mtvm_error_set(mtvm_status_t status, const char* subject)
{
    /* The status as a number: the names live in status_name.c, linked only for mtvm_status_name. */
    char digits[sizeof "4294967295"];
    size_t d = sizeof digits - 1;
    size_t n = 0;
    unsigned int value = (unsigned int)status;
    digits[d] = '\0';
    do {
        digits[--d] = (char)('0' + (int)(value % 10u));
        value /= 10u;
    } while (value != 0);
    if (!(mtvm_error_append(&n, "status ") && mtvm_error_append(&n, &digits[d]) &&
          (subject == NULL || (mtvm_error_append(&n, " '") && mtvm_error_append(&n, subject) &&
                               mtvm_error_append(&n, "'"))))) {
        /* Cut: mark it as the formatter does. n is sizeof text - 1 here. */
        mtvm_last_error_text[n - 3] = '.';
        mtvm_last_error_text[n - 2] = '.';
        mtvm_last_error_text[n - 1] = '.';
    }
    mtvm_last_error_text[n] = '\0';
    mtvm_platform_log(mtvm_last_error_text);
    return status;
}

#endif
