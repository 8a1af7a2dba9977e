/* qemu-mps2-an385: Arm MPS2 with the AN385 FPGA image, Cortex-M3, 25 MHz SYSCLK. */
#ifndef MTVM_BOARD_CONFIG_H_
#define MTVM_BOARD_CONFIG_H_

#define MTVM_BOARD_NAME "qemu-mps2-an385"
#define MTVM_BOARD_CPU_HZ 25000000 /* SysTick clock = SYSCLK */
#define MTVM_BOARD_NUM_IRQS 32            /* external interrupts in the vector table */
#define MTVM_BOARD_COUNTER_UNIT "instructions"
#define MTVM_BOARD_FAULT_ADDRESS 0xF0000000u /* nothing is mapped there: a BusFault */

#endif
