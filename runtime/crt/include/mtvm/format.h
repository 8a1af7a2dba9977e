/*
 * MicroTvm C runtime: a tiny, safe text formatter without stdio.
 *
 * Appends strings and decimal integers to a caller-owned buffer. The buffer is always
 * NUL-terminated (when its size is at least 1); text that does not fit is cut, and when the
 * buffer holds at least 4 bytes the cut is marked by "..." at its end. The runtime uses it
 * for the last-error string; firmware can use it to print results through
 * mtvm_platform_log().
 *
 *     char line[48];
 *     mtvm_fmt_t f;
 *     mtvm_fmt_init(&f, line, sizeof line);
 *     mtvm_fmt_str(&f, "class ");
 *     mtvm_fmt_int(&f, best);
 *     mtvm_platform_log(line);
 */
#ifndef MTVM_FORMAT_H_
#define MTVM_FORMAT_H_

#include <stddef.h>

#include "mtvm/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Formatter state; all members are owned by the mtvm_fmt_* functions. */
typedef struct mtvm_fmt {
    char* buffer;
    size_t size;      /* bytes in buffer, terminating NUL included */
    size_t length;    /* characters written so far, NUL excluded */
    int truncated;    /* non-zero once something did not fit */
} mtvm_fmt_t;

/* Starts an empty string in buffer[0..size). buffer may be NULL only when size is 0. */
mtvm_status_t mtvm_fmt_init(mtvm_fmt_t* f, char* buffer, size_t size);

/*
 * Each append returns MTVM_OK, MTVM_ERR_BUFFER_TOO_SMALL once the text has been truncated
 * (sticky: every later append returns it too), or MTVM_ERR_NULL_ARGUMENT for a NULL f.
 */
mtvm_status_t mtvm_fmt_str(mtvm_fmt_t* f, const char* s); /* NULL s appends "(null)" */
mtvm_status_t mtvm_fmt_uint(mtvm_fmt_t* f, unsigned long value);
mtvm_status_t mtvm_fmt_int(mtvm_fmt_t* f, long value);

#ifdef __cplusplus
}
#endif

#endif /* MTVM_FORMAT_H_ */
