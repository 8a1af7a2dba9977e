/* qemu-riscv32: QEMU virt machine, one RV32GC hart in machine mode (no OpenSBI). */
#ifndef MTVM_BOARD_CONFIG_H_
#define MTVM_BOARD_CONFIG_H_

#define MTVM_BOARD_NAME "qemu-riscv32"
#define MTVM_BOARD_COUNTER_UNIT "instructions"
#define MTVM_BOARD_FAULT_ADDRESS 0xF0000000u /* nothing is mapped there: a load access fault */

#endif
