/* qemu-mps3-an547: Arm MPS3 with the AN547 FPGA image (SSE-300), Cortex-M55 with MVE and FPU, 32 MHz SYSCLK. */
#ifndef MTVM_BOARD_CONFIG_H_
#define MTVM_BOARD_CONFIG_H_

#define MTVM_BOARD_NAME "qemu-mps3-an547"
#define MTVM_BOARD_CPU_HZ 32000000        /* SysTick clock = SYSCLK */
#define MTVM_BOARD_NUM_IRQS 96            /* external interrupts in the vector table */
#define MTVM_BOARD_COUNTER_UNIT "instructions"
#define MTVM_BOARD_FAULT_ADDRESS 0xF0000000u /* nothing is mapped there: a BusFault */

#endif
