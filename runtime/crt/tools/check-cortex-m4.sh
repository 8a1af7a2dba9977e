#!/bin/sh
# Compiles the runtime, the example of generated code and the host tests for a Cortex-M4
# with arm-none-eabi-gcc, archives the runtime and prints its size (text/data/bss).
#
#   sh runtime/crt/tools/check-cortex-m4.sh [build-dir]      (default: /tmp/mtvm-crt-cortex-m4)
#
# Fails if the compiler is missing or any file does not compile warning-free.
# CMake runs it as a test with -DMTVM_CRT_CORTEX_M4_CHECK=ON.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/mtvm-crt-cortex-m4}
cc=${ARM_CC:-arm-none-eabi-gcc}
ar=${ARM_AR:-arm-none-eabi-ar}
size=${ARM_SIZE:-arm-none-eabi-size}
opt=${MTVM_CRT_OPT:--Os}

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "check-cortex-m4: $cc not found (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)" >&2
    exit 1
fi

flags="-std=c99 -Wall -Wextra -Werror -pedantic -mcpu=cortex-m4 -mthumb $opt -ffunction-sections -fdata-sections"
strict="-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wcast-qual -Wundef -Wconversion -Wsign-conversion -Wcast-align"

rm -rf "$out"
mkdir -p "$out/lib" "$out/other"

for src in "$here"/src/*.c; do
    obj="$out/lib/$(basename "$src" .c).o"
    $cc $flags $strict -I"$here/include" -I"$here/src" -c "$src" -o "$obj"
done
$ar rcs "$out/libmtvm_crt.a" "$out"/lib/*.o

# The example of generated code and the tests must also build for the board.
$cc $flags $strict -I"$here/include" -c "$here/examples/tiny_cnn/mtvmgen_tiny_cnn.c" \
    -o "$out/other/mtvmgen_tiny_cnn.o"
for src in "$here"/tests/host/*.c; do
    $cc $flags -I"$here/include" -I"$here/tests/host" -I"$here/examples/tiny_cnn" \
        -c "$src" -o "$out/other/$(basename "$src" .c).o"
done

echo "libmtvm_crt.a for Cortex-M4 ($opt):"
$size -t "$out/libmtvm_crt.a"
echo "example model (tiny_cnn) object:"
$size "$out/other/mtvmgen_tiny_cnn.o"
