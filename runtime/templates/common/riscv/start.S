/*
 * RISC-V (RV32, machine mode) start-up for the MicroTvm firmware templates.
 *
 * QEMU's virt machine started with "-bios none -kernel firmware.elf" loads the image and
 * jumps from its reset ROM to the start of DRAM (0x80000000), where the linker script puts
 * _start, in machine mode. The start-up:
 *   1. sets gp (linker relaxation), sp (top of the .stack section) and mtvec (trap entry);
 *   2. enables the FPU (mstatus.FS = Initial, fcsr = 0) when the ABI has one, before any
 *      floating-point instruction;
 *   3. copies .data from its load address and zeroes .bss;
 *   4. calls main; if main returned, its value would be the exit code.
 * Also here: the semihosting trap sequence and the trap entry.
 */
    .section .text.start, "ax", %progbits
    .global _start
    .type _start, %function
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, mtvm_trap_entry
    csrw mtvec, t0
#ifdef __riscv_flen
    li t0, 0x2000              /* mstatus.FS (bits 13..14) = 01, Initial */
    csrs mstatus, t0
    csrw fcsr, zero
#endif
    /* .data: copy [__data_load, ...) to [__data_start, __data_end). */
    la t0, __data_load
    la t1, __data_start
    la t2, __data_end
1:  bgeu t1, t2, 2f
    lw t3, 0(t0)
    sw t3, 0(t1)
    addi t0, t0, 4
    addi t1, t1, 4
    j 1b
2:  /* .bss: zero [__bss_start, __bss_end). */
    la t1, __bss_start
    la t2, __bss_end
3:  bgeu t1, t2, 4f
    sw zero, 0(t1)
    addi t1, t1, 4
    j 3b
4:  call main
    call mtvm_board_exit
5:  j 5b
    .size _start, . - _start

/*
 * intptr_t mtvm_semihost_call(uintptr_t op, uintptr_t arg): a0 = op, a1 = arg, result in a0.
 * The debugger recognises the ebreak by the two marker instructions around it, which must be
 * uncompressed and on one page: the 16-byte alignment keeps the 12 bytes on one page.
 */
    .text
    .balign 16
    .global mtvm_semihost_call
    .type mtvm_semihost_call, %function
mtvm_semihost_call:
    .option push
    .option norvc
    slli zero, zero, 0x1f
    ebreak
    srai zero, zero, 7
    .option pop
    ret
    .size mtvm_semihost_call, . - mtvm_semihost_call

/* Direct-mode trap vector (4-byte aligned): report and exit, never return. */
    .balign 4
    .global mtvm_trap_entry
    .type mtvm_trap_entry, %function
mtvm_trap_entry:
    j mtvm_riscv_trap
    .size mtvm_trap_entry, . - mtvm_trap_entry
