/*
 * The functions GCC may call even in freestanding code (memcpy, memmove, memset, memcmp, and
 * strlen, which it substitutes for loops), for firmware linked without a C library
 * (-nostdlib).
 * Compiled with -fno-tree-loop-distribute-patterns, so that GCC does not turn these very
 * loops back into calls of themselves.
 */
#include <stddef.h>

void* memcpy(void* destination, const void* source, size_t size);
void* memmove(void* destination, const void* source, size_t size);
void* memset(void* destination, int value, size_t size);
int memcmp(const void* a, const void* b, size_t size);
size_t strlen(const char* s);

void* memcpy(void* destination, const void* source, size_t size)
{
    unsigned char* to = (unsigned char*)destination;
    const unsigned char* from = (const unsigned char*)source;
    while (size-- > 0) {
        *to++ = *from++;
    }
    return destination;
}

void* memmove(void* destination, const void* source, size_t size)
{
    unsigned char* to = (unsigned char*)destination;
    const unsigned char* from = (const unsigned char*)source;
    if (to < from) {
        while (size-- > 0) {
            *to++ = *from++;
        }
    } else {
        to += size;
        from += size;
        while (size-- > 0) {
            *--to = *--from;
        }
    }
    return destination;
}

void* memset(void* destination, int value, size_t size)
{
    unsigned char* to = (unsigned char*)destination;
    while (size-- > 0) {
        *to++ = (unsigned char)value;
    }
    return destination;
}

int memcmp(const void* a, const void* b, size_t size)
{
    const unsigned char* x = (const unsigned char*)a;
    const unsigned char* y = (const unsigned char*)b;
    for (; size > 0; --size, ++x, ++y) {
        if (*x != *y) {
            return *x < *y ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char* s)
{
    size_t n = 0;
    while (s[n] != '\0') {
        ++n;
    }
    return n;
}
