# The part every QEMU board's CMakeLists.txt shares. The board sets MTVM_BOARD, MTVM_BOARD_DIR,
# MTVM_COMMON_DIR, MTVM_ARCH_DIR (cortex-m or riscv), MTVM_QEMU and MTVM_QEMU_MACHINE (a list:
# -M and machine options), then includes this file, which includes firmware.cmake.
if(MTVM_ARCH_DIR STREQUAL "riscv")
  set(_mtvm_startup start.S)
else()
  set(_mtvm_startup startup.S)
endif()
set(MTVM_BOARD_SRCS ${MTVM_COMMON_DIR}/${MTVM_ARCH_DIR}/${_mtvm_startup}
    ${MTVM_COMMON_DIR}/${MTVM_ARCH_DIR}/board.c ${MTVM_COMMON_DIR}/semihost.c
    ${MTVM_COMMON_DIR}/freestanding.c)
set(MTVM_BOARD_CFLAGS -ffreestanding)
set(MTVM_BOARD_LDFLAGS -nostdlib -T${MTVM_BOARD_DIR}/linker.ld -L${MTVM_COMMON_DIR}/${MTVM_ARCH_DIR}
    -Wl,--defsym=__mtvm_stack_size=@STACK_SIZE@)
set(MTVM_BOARD_LDLIBS gcc)
set(MTVM_BOARD_LINK_DEPENDS ${MTVM_BOARD_DIR}/linker.ld ${MTVM_COMMON_DIR}/${MTVM_ARCH_DIR}/sections.ld)
set(MTVM_RUN_COMMAND timeout 60 ${MTVM_QEMU} ${MTVM_QEMU_MACHINE} -nographic -icount shift=0 -semihosting-config enable=on,target=native -kernel @ELF@)

include(${MTVM_COMMON_DIR}/firmware.cmake)
