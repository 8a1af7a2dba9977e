/*
 * A tiny text formatter: strings and decimal integers into a caller-owned buffer.
 */
#include "mtvm/format.h"

static const char mtvm_fmt_ellipsis[] = "...";

/* Marks the buffer as truncated: "..." over its last three characters when it has room. */
static void mtvm_fmt_truncate(mtvm_fmt_t* f)
{
    size_t i;
    f->truncated = 1;
    if (f->size >= sizeof mtvm_fmt_ellipsis) {
        for (i = 0; i < sizeof mtvm_fmt_ellipsis - 1; ++i) {
            f->buffer[f->size - sizeof mtvm_fmt_ellipsis + i] = mtvm_fmt_ellipsis[i];
        }
    }
}

static mtvm_status_t mtvm_fmt_chars(mtvm_fmt_t* f, const char* s, size_t n)
{
    size_t i;
    if (f == NULL) {
        return MTVM_ERR_NULL_ARGUMENT;
    }
    if (f->truncated) {
        return MTVM_ERR_BUFFER_TOO_SMALL;
    }
    for (i = 0; i < n; ++i) {
        if (f->length + 1 >= f->size) {
            mtvm_fmt_truncate(f);
            return MTVM_ERR_BUFFER_TOO_SMALL;
        }
        f->buffer[f->length++] = s[i];
        f->buffer[f->length] = '\0';
    }
    return MTVM_OK;
}

mtvm_status_t mtvm_fmt_init(mtvm_fmt_t* f, char* buffer, size_t size)
{
    if (f == NULL || (buffer == NULL && size != 0)) {
        return MTVM_ERR_NULL_ARGUMENT;
    }
    f->buffer = buffer;
    f->size = size;
    f->length = 0;
    f->truncated = 0;
    if (size != 0) {
        buffer[0] = '\0';
    }
    return MTVM_OK;
}

mtvm_status_t mtvm_fmt_str(mtvm_fmt_t* f, const char* s)
{
    size_t n = 0;
    if (s == NULL) {
        s = "(null)";
    }
    while (s[n] != '\0') {
        ++n;
    }
    return mtvm_fmt_chars(f, s, n);
}

mtvm_status_t mtvm_fmt_uint(mtvm_fmt_t* f, unsigned long value)
{
    /* Enough for a 128-bit unsigned long: 39 digits. */
    char digits[40];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + (int)(value % 10u));
        value /= 10u;
    } while (value != 0);
    return mtvm_fmt_chars(f, digits + n, sizeof digits - n);
}

mtvm_status_t mtvm_fmt_int(mtvm_fmt_t* f, long value)
{
    mtvm_status_t status;
    if (value >= 0) {
        return mtvm_fmt_uint(f, (unsigned long)value);
    }
    status = mtvm_fmt_chars(f, "-", 1);
    if (status != MTVM_OK) {
        return status;
    }
    /* 0 - (unsigned long)value is |value| even for LONG_MIN. */
    return mtvm_fmt_uint(f, 0ul - (unsigned long)value);
}
