/*
 * MicroTvm firmware templates: what a board provides to the board-independent firmware main
 * (common/mtvm_main.c). Every template implements these functions: the QEMU boards on top of
 * semihosting (common/semihost.c) and a board timer, the host template with stdio and
 * clock_gettime.
 *
 * Each board directory also holds a board_config.h (on the include path before common/)
 * that defines MTVM_BOARD_NAME, MTVM_BOARD_COUNTER_UNIT and MTVM_BOARD_FAULT_ADDRESS.
 */
#ifndef MTVM_BOARD_H_
#define MTVM_BOARD_H_

#include <stddef.h>
#include <stdint.h>

#include "mtvm/platform.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Exit codes of the firmware (the QEMU process exits with them through semihosting
 * SYS_EXIT_EXTENDED; the host program returns them). 1 is left out on purpose: QEMU itself
 * exits with 1 when it cannot start, and 124 is what timeout(1) reports for a hang.
 */
#define MTVM_EXIT_OK 0          /* every run returned MTVM_OK, outputs.bin written */
#define MTVM_EXIT_ARENA 2       /* the arena (ARENA_SIZE) cannot hold inputs, outputs, pools */
#define MTVM_EXIT_INPUT 3       /* inputs file missing, of the wrong size, or unreadable */
#define MTVM_EXIT_OUTPUT 4      /* outputs file cannot be created or written */
#define MTVM_EXIT_RUNTIME 5     /* a runtime call returned a status other than MTVM_OK */
#define MTVM_EXIT_ABORT 6       /* mtvm_platform_abort was called */
#define MTVM_EXIT_FAULT 7       /* CPU fault (Cortex-M fault exception, RISC-V trap, signal) */
#define MTVM_EXIT_UNEXPECTED 8  /* an interrupt or exception nobody handles */

/* Called once before anything else in main: timers, counters. */
void mtvm_board_init(void);

/* Writes text to the console as is (no newline added). */
void mtvm_board_console_write(const char* text);

/* Opens a file in the working directory of the emulator (host: of the process), binary. */
int mtvm_board_file_open(const char* name, int for_writing); /* handle >= 0, or -1 */
long mtvm_board_file_length(int handle);                      /* bytes, or -1 */
size_t mtvm_board_file_read(int handle, void* data, size_t size);        /* bytes read */
size_t mtvm_board_file_write(int handle, const void* data, size_t size); /* bytes written */
int mtvm_board_file_close(int handle);                        /* 0 on success */

/* Ends the program with the given exit code; never returns. */
MTVM_NORETURN void mtvm_board_exit(int code);

/*
 * A monotonic counter in MTVM_BOARD_COUNTER_UNIT ("instructions" under QEMU -icount
 * shift=0, "ns" on the host), and the granularity of its values in that unit.
 */
uint64_t mtvm_board_counter(void);
uint32_t mtvm_board_counter_resolution(void);

#ifdef __cplusplus
}
#endif

#endif /* MTVM_BOARD_H_ */
