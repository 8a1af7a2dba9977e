/* host: the firmware as a Linux program (gcc), the reference for the QEMU boards' outputs. */
#ifndef MTVM_BOARD_CONFIG_H_
#define MTVM_BOARD_CONFIG_H_

#define MTVM_BOARD_NAME "host"
#define MTVM_BOARD_COUNTER_UNIT "ns"          /* CLOCK_MONOTONIC: not deterministic */
#define MTVM_BOARD_FAULT_ADDRESS 0x10u        /* in the unmapped first page: SIGSEGV */

#endif
