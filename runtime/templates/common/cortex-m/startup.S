/*
 * Cortex-M (Armv7-M, Armv8-M Mainline) start-up for the MicroTvm firmware templates.
 *
 * The vector table (section .vectors, placed at the start of the board's flash by the linker
 * script, where the core reads the initial SP and reset PC), the reset handler and the fault
 * entry. The reset handler, in assembly so that no compiler-generated code runs first:
 *   1. enables CP10/CP11 in CPACR when the build uses the FPU (__ARM_FP), before any
 *      floating-point instruction, then DSB/ISB;
 *   2. copies .data from its load address in flash to RAM and zeroes .bss;
 *   3. calls main; main never returns (it exits through semihosting), but if it did, the
 *      return value becomes the exit code.
 * Board specifics (number of external interrupts) come from board_config.h.
 */
#include "board_config.h"

    .syntax unified
    .thumb

/* ---- vector table ---- */
    .section .vectors, "a", %progbits
    .align 2
    .global mtvm_vectors
mtvm_vectors:
    .word __stack_top               /*  0: initial main stack pointer */
    .word mtvm_reset_handler        /*  1: reset */
    .word mtvm_fault_entry          /*  2: NMI */
    .word mtvm_fault_entry          /*  3: HardFault */
    .word mtvm_fault_entry          /*  4: MemManage */
    .word mtvm_fault_entry          /*  5: BusFault */
    .word mtvm_fault_entry          /*  6: UsageFault */
    .word mtvm_fault_entry          /*  7: SecureFault (Armv8-M), reserved on Armv7-M */
    .word mtvm_unexpected_entry     /*  8: reserved */
    .word mtvm_unexpected_entry     /*  9: reserved */
    .word mtvm_unexpected_entry     /* 10: reserved */
    .word mtvm_unexpected_entry     /* 11: SVCall */
    .word mtvm_unexpected_entry     /* 12: DebugMonitor */
    .word mtvm_unexpected_entry     /* 13: reserved */
    .word mtvm_unexpected_entry     /* 14: PendSV */
    .word mtvm_systick_handler      /* 15: SysTick (the instruction counter's wrap count) */
    .rept MTVM_BOARD_NUM_IRQS       /* 16...: external interrupts, none used */
    .word mtvm_unexpected_entry
    .endr
    .size mtvm_vectors, . - mtvm_vectors

/* ---- reset ---- */
    .text
    .align 2
    .global mtvm_reset_handler
    .type mtvm_reset_handler, %function
    .thumb_func
mtvm_reset_handler:
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    /* CPACR (0xE000ED88): full access to CP10 and CP11 (bits 20..23). */
    ldr r0, =0xE000ED88
    ldr r1, [r0]
    orr r1, r1, #(0xF << 20)
    str r1, [r0]
    dsb
    isb
#endif
    /* .data: copy [__data_load, ...) to [__data_start, __data_end). */
    ldr r0, =__data_load
    ldr r1, =__data_start
    ldr r2, =__data_end
1:  cmp r1, r2
    bhs 2f
    ldr r3, [r0], #4
    str r3, [r1], #4
    b 1b
2:  /* .bss: zero [__bss_start, __bss_end). */
    ldr r1, =__bss_start
    ldr r2, =__bss_end
    movs r3, #0
3:  cmp r1, r2
    bhs 4f
    str r3, [r1], #4
    b 3b
4:  bl main
    bl mtvm_board_exit
5:  b 5b
    .size mtvm_reset_handler, . - mtvm_reset_handler

/*
 * Fault entry: passes the stacked exception frame (from MSP or PSP, as EXC_RETURN bit 2 says)
 * and EXC_RETURN to mtvm_cortex_m_fault (board.c), which reports and exits.
 */
    .global mtvm_fault_entry
    .type mtvm_fault_entry, %function
    .thumb_func
mtvm_fault_entry:
    tst lr, #4
    ite eq
    mrseq r0, msp
    mrsne r0, psp
    mov r1, lr
    b mtvm_cortex_m_fault
    .size mtvm_fault_entry, . - mtvm_fault_entry

    .global mtvm_unexpected_entry
    .type mtvm_unexpected_entry, %function
    .thumb_func
mtvm_unexpected_entry:
    tst lr, #4
    ite eq
    mrseq r0, msp
    mrsne r0, psp
    mov r1, lr
    b mtvm_cortex_m_unexpected
    .size mtvm_unexpected_entry, . - mtvm_unexpected_entry
