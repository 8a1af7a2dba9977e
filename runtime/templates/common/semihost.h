/*
 * Semihosting (Arm "Semihosting for AArch32 and AArch64", also used by QEMU for RISC-V):
 * the operations the firmware templates use. QEMU runs them on the host when started with
 * -semihosting-config enable=on,target=native; files are relative to QEMU's working
 * directory, console text goes to QEMU's stderr.
 *
 * mtvm_semihost_call is the one architecture-specific part: on Arm M-profile it is
 * "bkpt 0xab" with the operation in r0 and the argument in r1 (common/cortex-m/board.c), on
 * RISC-V the sequence "slli x0, x0, 0x1f; ebreak; srai x0, x0, 7" with a0 and a1
 * (common/riscv/start.S). The result comes back in r0/a0.
 */
#ifndef MTVM_SEMIHOST_H_
#define MTVM_SEMIHOST_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MTVM_SYS_OPEN 0x01u
#define MTVM_SYS_CLOSE 0x02u
#define MTVM_SYS_WRITE0 0x04u
#define MTVM_SYS_WRITE 0x05u
#define MTVM_SYS_READ 0x06u
#define MTVM_SYS_FLEN 0x0Cu
#define MTVM_SYS_EXIT 0x18u
#define MTVM_SYS_EXIT_EXTENDED 0x20u

/* SYS_OPEN modes (ISO C fopen modes by index): "rb" and "wb". */
#define MTVM_SYS_OPEN_RB 1u
#define MTVM_SYS_OPEN_WB 5u

/* The reason code of SYS_EXIT(_EXTENDED) for a normal end of the application. */
#define MTVM_ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* Performs one semihosting operation; arg is a value or the address of a parameter block. */
intptr_t mtvm_semihost_call(uintptr_t op, uintptr_t arg);

#ifdef __cplusplus
}
#endif

#endif /* MTVM_SEMIHOST_H_ */
