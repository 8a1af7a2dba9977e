/*
 * RISC-V board support for the MicroTvm firmware templates (QEMU virt, machine mode): the
 * instruction counter and the trap report. The semihosting trap is in start.S.
 *
 * Instruction counter: the instret CSR (rdinstret/rdinstreth). Under QEMU -icount it counts
 * retired instructions exactly (without -icount QEMU returns host ticks, which are neither
 * exact nor deterministic).
 */
#include <stddef.h>
#include <stdint.h>

#include "board_config.h"
#include "mtvm/platform.h"
#include "mtvm_board.h"
#include "semihost.h"

MTVM_NORETURN void mtvm_riscv_trap(void);

#define MTVM_CSR_READ(name, out) __asm__ __volatile__("csrr %0, " #name : "=r"(out))

void mtvm_board_init(void)
{
}

uint64_t mtvm_board_counter(void)
{
    uint32_t high;
    uint32_t low;
    uint32_t again;
    do {
        MTVM_CSR_READ(instreth, high);
        MTVM_CSR_READ(instret, low);
        MTVM_CSR_READ(instreth, again);
    } while (high != again);
    return ((uint64_t)high << 32) | low;
}

uint32_t mtvm_board_counter_resolution(void)
{
    return 1;
}

/* ---- trap report ---- */

static char* mtvm_put_str(char* at, const char* s)
{
    while (*s != '\0') {
        *at++ = *s++;
    }
    return at;
}

static char* mtvm_put_hex(char* at, const char* key, uint32_t value)
{
    int shift;
    at = mtvm_put_str(at, key);
    at = mtvm_put_str(at, "=0x");
    for (shift = 28; shift >= 0; shift -= 4) {
        *at++ = "0123456789abcdef"[(value >> shift) & 0xFu];
    }
    return at;
}

static const char* mtvm_cause_name(uint32_t cause)
{
    switch (cause) {
    case 0: return "InstructionMisaligned";
    case 1: return "InstructionAccessFault";
    case 2: return "IllegalInstruction";
    case 3: return "Breakpoint";
    case 4: return "LoadMisaligned";
    case 5: return "LoadAccessFault";
    case 6: return "StoreMisaligned";
    case 7: return "StoreAccessFault";
    case 8: return "EnvironmentCallU";
    case 11: return "EnvironmentCallM";
    case 12: return "InstructionPageFault";
    case 13: return "LoadPageFault";
    case 15: return "StorePageFault";
    default: return "Unknown";
    }
}

void mtvm_riscv_trap(void)
{
    static char line[256];
    char* at = line;
    uint32_t mcause;
    uint32_t mepc;
    uint32_t mtval;
    uint32_t mstatus;
    int interrupt;
    int exit_code;
    MTVM_CSR_READ(mcause, mcause);
    MTVM_CSR_READ(mepc, mepc);
    MTVM_CSR_READ(mtval, mtval);
    MTVM_CSR_READ(mstatus, mstatus);
    interrupt = (mcause & 0x80000000u) != 0;
    exit_code = interrupt ? MTVM_EXIT_UNEXPECTED : MTVM_EXIT_FAULT;
    at = mtvm_put_str(at, interrupt ? "MTVM_UNEXPECTED exit=8 exception=Interrupt"
                                    : "MTVM_FAULT exit=7 exception=");
    if (!interrupt) {
        at = mtvm_put_str(at, mtvm_cause_name(mcause));
    }
    at = mtvm_put_hex(at, " mcause", mcause);
    at = mtvm_put_hex(at, " pc", mepc);
    at = mtvm_put_hex(at, " mtval", mtval);
    at = mtvm_put_hex(at, " mstatus", mstatus);
    at = mtvm_put_str(at, "\n");
    *at = '\0';
    mtvm_board_console_write(line);
    mtvm_board_exit(exit_code);
}
