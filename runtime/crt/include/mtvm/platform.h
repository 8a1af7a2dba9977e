/*
 * MicroTvm C runtime: the porting header. The only functions a board port may provide.
 *
 * The library carries weak default definitions (src/platform_default.c, GCC/Clang
 * __attribute__((weak))): a strong definition anywhere in the firmware replaces the default,
 * one function at a time. Build the library with MTVM_CRT_PLATFORM_DEFAULTS=OFF to leave all
 * of them to the firmware (e.g. for a compiler without weak symbols).
 *
 * Defaults: abort spins forever; log discards the message; the timer is not supported.
 */
#ifndef MTVM_PLATFORM_H_
#define MTVM_PLATFORM_H_

#include <stdint.h>

#include "mtvm/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MTVM_NORETURN __attribute__((noreturn))
#else
#define MTVM_NORETURN
#endif

/*
 * Stops the program after an unrecoverable error; must not return. The runtime itself never
 * calls it (every error is returned as a status); it is for firmware and generated code that
 * cannot continue.
 */
MTVM_NORETURN void mtvm_platform_abort(mtvm_status_t status);

/* Writes one line of text (no trailing newline in message). Called with every last error. */
void mtvm_platform_log(const char* message);

/*
 * Optional timer. start begins a measurement; stop writes the elapsed count since the last
 * start to *elapsed, in a platform-defined unit (cycles, ticks, instructions under QEMU
 * -icount). Both return MTVM_ERR_NOT_SUPPORTED when the platform has no timer (the default;
 * stop then writes 0 when elapsed is non-NULL).
 */
mtvm_status_t mtvm_platform_timer_start(void);
mtvm_status_t mtvm_platform_timer_stop(uint64_t* elapsed);

#ifdef __cplusplus
}
#endif

#endif /* MTVM_PLATFORM_H_ */
