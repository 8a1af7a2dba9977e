/*
 * Internal to the runtime library: not installed, not used by tests or generated code.
 */
#ifndef MTVM_INTERNAL_H_
#define MTVM_INTERNAL_H_

#include "mtvm/format.h"
#include "mtvm/status.h"

/* Empties the last error. */
void mtvm_error_clear(void);

/* Empties the last error and returns a formatter writing into it. */
mtvm_fmt_t* mtvm_error_begin(void);

/* Finishes the message started by mtvm_error_begin, logs it and returns status. */
mtvm_status_t mtvm_error_end(mtvm_status_t status);

#endif /* MTVM_INTERNAL_H_ */
