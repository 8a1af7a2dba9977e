/*
 * The console, file and exit functions of mtvm_board.h on top of semihosting, shared by every
 * QEMU board. Parameter blocks are arrays of target words (32 bits on all boards here).
 */
#include <stddef.h>
#include <stdint.h>

#include "mtvm_board.h"
#include "semihost.h"

static size_t mtvm_strlen(const char* s)
{
    size_t n = 0;
    while (s[n] != '\0') {
        ++n;
    }
    return n;
}

void mtvm_board_console_write(const char* text)
{
    (void)mtvm_semihost_call(MTVM_SYS_WRITE0, (uintptr_t)text);
}

int mtvm_board_file_open(const char* name, int for_writing)
{
    volatile uintptr_t block[3];
    intptr_t handle;
    block[0] = (uintptr_t)name;
    block[1] = for_writing ? MTVM_SYS_OPEN_WB : MTVM_SYS_OPEN_RB;
    block[2] = (uintptr_t)mtvm_strlen(name);
    handle = mtvm_semihost_call(MTVM_SYS_OPEN, (uintptr_t)block);
    return handle < 0 ? -1 : (int)handle;
}

long mtvm_board_file_length(int handle)
{
    volatile uintptr_t block[1];
    block[0] = (uintptr_t)handle;
    return (long)mtvm_semihost_call(MTVM_SYS_FLEN, (uintptr_t)block);
}

/* SYS_READ and SYS_WRITE return the number of bytes NOT transferred. */
size_t mtvm_board_file_read(int handle, void* data, size_t size)
{
    volatile uintptr_t block[3];
    intptr_t left;
    block[0] = (uintptr_t)handle;
    block[1] = (uintptr_t)data;
    block[2] = (uintptr_t)size;
    left = mtvm_semihost_call(MTVM_SYS_READ, (uintptr_t)block);
    return left < 0 || (size_t)left > size ? 0 : size - (size_t)left;
}

size_t mtvm_board_file_write(int handle, const void* data, size_t size)
{
    volatile uintptr_t block[3];
    intptr_t left;
    block[0] = (uintptr_t)handle;
    block[1] = (uintptr_t)data;
    block[2] = (uintptr_t)size;
    left = mtvm_semihost_call(MTVM_SYS_WRITE, (uintptr_t)block);
    return left < 0 || (size_t)left > size ? 0 : size - (size_t)left;
}

int mtvm_board_file_close(int handle)
{
    volatile uintptr_t block[1];
    block[0] = (uintptr_t)handle;
    return mtvm_semihost_call(MTVM_SYS_CLOSE, (uintptr_t)block) == 0 ? 0 : -1;
}

void mtvm_board_exit(int code)
{
    /*
     * SYS_EXIT_EXTENDED carries the exit code (QEMU exits with it); plain 32-bit SYS_EXIT
     * can only say "success" or "failure". If the debugger ignores both, spin.
     */
    volatile uintptr_t block[2];
    block[0] = MTVM_ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uintptr_t)code;
    (void)mtvm_semihost_call(MTVM_SYS_EXIT_EXTENDED, (uintptr_t)block);
    (void)mtvm_semihost_call(MTVM_SYS_EXIT, code == 0 ? MTVM_ADP_STOPPED_APPLICATION_EXIT : 0u);
    for (;;) {
    }
}
