/*
 * Internal to the runtime library: not installed, not used by tests or generated code.
 */
#ifndef MTVM_INTERNAL_H_
#define MTVM_INTERNAL_H_

#include <stddef.h>

#include "mtvm/format.h"
#include "mtvm/status.h"

/* Empties the last error. */
void mtvm_error_clear(void);

/*
 * A failure is reported in two steps: the message is written with the MTVM_ERROR_* macros into
 * the formatter mtvm_error_begin() returns, then MTVM_ERROR_END(status, subject) logs it and
 * returns status. With MTVM_ERROR_DETAIL=0 the message steps compile to nothing (their string
 * literals are never referenced, so never linked) and MTVM_ERROR_END records the status name
 * and the subject, the name of the tensor or pool the failed check is about (or NULL).
 */
#if MTVM_ERROR_DETAIL

/* Empties the last error and returns a formatter writing into it. */
mtvm_fmt_t* mtvm_error_begin(void);

/* Finishes the message started by mtvm_error_begin, logs it and returns status. */
mtvm_status_t mtvm_error_end(mtvm_status_t status);

#define MTVM_ERROR_STR(f, s) ((void)mtvm_fmt_str((f), (s)))
#define MTVM_ERROR_UINT(f, n) ((void)mtvm_fmt_uint((f), (unsigned long)(n)))
#define MTVM_ERROR_END(status, subject) mtvm_error_end(status)

#else

/* Sets the last error to "<status name>" or "<status name> '<subject>'", logs it, returns status. */
mtvm_status_t mtvm_error_set(mtvm_status_t status, const char* subject);

#define mtvm_error_begin() ((mtvm_fmt_t*)NULL)
#define MTVM_ERROR_STR(f, s) ((void)(f), (void)sizeof(s))
#define MTVM_ERROR_UINT(f, n) ((void)(f), (void)sizeof(n))
#define MTVM_ERROR_END(status, subject) mtvm_error_set((status), (subject))

#endif

#endif /* MTVM_INTERNAL_H_ */
