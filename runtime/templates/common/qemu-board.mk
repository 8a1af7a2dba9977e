# The part every QEMU board's Makefile shares. The board's Makefile sets BOARD, BOARD_DIR,
# COMMON_DIR, CROSS, ARCH_FLAGS, ARCH_DIR (cortex-m or riscv: start-up, board support and
# output sections under common/), QEMU and QEMU_MACHINE (-M and machine options), then includes
# this file, which includes firmware.mk.
BOARD_SRCS := $(COMMON_DIR)/$(ARCH_DIR)/$(if $(filter riscv,$(ARCH_DIR)),start.S,startup.S) \
              $(COMMON_DIR)/$(ARCH_DIR)/board.c $(COMMON_DIR)/semihost.c $(COMMON_DIR)/freestanding.c
BOARD_CFLAGS := -ffreestanding
BOARD_LDFLAGS = -nostdlib -T$(BOARD_DIR)/linker.ld -L$(COMMON_DIR)/$(ARCH_DIR) \
                -Wl,--defsym=__mtvm_stack_size=$(STACK_SIZE)
BOARD_LDLIBS := -lgcc
BOARD_LINK_DEPS := $(BOARD_DIR)/linker.ld $(COMMON_DIR)/$(ARCH_DIR)/sections.ld

TIMEOUT ?= timeout 60
RUN_CMD = $(TIMEOUT) $(QEMU) $(QEMU_MACHINE) -nographic -icount shift=0 \
          -semihosting-config enable=on,target=native -kernel $(abspath $(ELF))

include $(COMMON_DIR)/firmware.mk
