/*
 * Host board support for the MicroTvm firmware templates: the functions of mtvm_board.h on
 * top of stdio and POSIX, so that the very same mtvm_main.c runs natively and gives the
 * reference outputs for the QEMU boards. The counter is CLOCK_MONOTONIC in ns; the fatal
 * signals of a bad access are reported like a CPU fault (MTVM_FAULT, exit code 7).
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board_config.h"
#include "mtvm_board.h"

#define MTVM_HOST_MAX_FILES 4

static FILE* mtvm_files[MTVM_HOST_MAX_FILES];

static void mtvm_host_signal(int number)
{
    /* Only async-signal-safe calls here. */
    char line[64];
    size_t n;
    const char* name = number == SIGSEGV ? "SIGSEGV"
                     : number == SIGBUS ? "SIGBUS"
                     : number == SIGILL ? "SIGILL"
                     : number == SIGFPE ? "SIGFPE" : "signal";
    strcpy(line, "MTVM_FAULT exit=7 exception=");
    strcat(line, name);
    strcat(line, "\n");
    n = strlen(line);
    if (write(STDOUT_FILENO, line, n) < 0) {
        /* nothing left to report to */
    }
    _exit(MTVM_EXIT_FAULT);
}

void mtvm_board_init(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = mtvm_host_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, NULL);
    sigaction(SIGBUS, &action, NULL);
    sigaction(SIGILL, &action, NULL);
    sigaction(SIGFPE, &action, NULL);
}

void mtvm_board_console_write(const char* text)
{
    fputs(text, stdout);
    fflush(stdout);
}

int mtvm_board_file_open(const char* name, int for_writing)
{
    int i;
    for (i = 0; i < MTVM_HOST_MAX_FILES; ++i) {
        if (mtvm_files[i] == NULL) {
            mtvm_files[i] = fopen(name, for_writing ? "wb" : "rb");
            return mtvm_files[i] != NULL ? i : -1;
        }
    }
    return -1;
}

static FILE* mtvm_file(int handle)
{
    return handle >= 0 && handle < MTVM_HOST_MAX_FILES ? mtvm_files[handle] : NULL;
}

long mtvm_board_file_length(int handle)
{
    FILE* file = mtvm_file(handle);
    long length;
    if (file == NULL || fseek(file, 0, SEEK_END) != 0) {
        return -1;
    }
    length = ftell(file);
    return fseek(file, 0, SEEK_SET) == 0 ? length : -1;
}

size_t mtvm_board_file_read(int handle, void* data, size_t size)
{
    FILE* file = mtvm_file(handle);
    return file == NULL ? 0 : fread(data, 1, size, file);
}

size_t mtvm_board_file_write(int handle, const void* data, size_t size)
{
    FILE* file = mtvm_file(handle);
    return file == NULL ? 0 : fwrite(data, 1, size, file);
}

int mtvm_board_file_close(int handle)
{
    FILE* file = mtvm_file(handle);
    if (file == NULL) {
        return -1;
    }
    mtvm_files[handle] = NULL;
    return fclose(file) == 0 ? 0 : -1;
}

void mtvm_board_exit(int code)
{
    fflush(stdout);
    exit(code);
}

uint64_t mtvm_board_counter(void)
{
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) != 0) {
        return 0;
    }
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint32_t mtvm_board_counter_resolution(void)
{
    return 1;
}
