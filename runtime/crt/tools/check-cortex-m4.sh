#!/bin/sh
# Compiles the runtime, the example of generated code and the host tests for a Cortex-M4
# with arm-none-eabi-gcc, in both error-detail settings (MTVM_ERROR_DETAIL=1 and 0), archives
# the runtime and prints its size (text/data/bss); then links the example model into a minimal
# program against the MTVM_ERROR_DETAIL=0 runtime and prints its flash breakdown
# (size-breakdown.sh): the runtime glue is the figure the budget in glue-budget.txt limits.
#
#   sh runtime/crt/tools/check-cortex-m4.sh [--budget] [build-dir]   (default: /tmp/mtvm-crt-cortex-m4)
#
# Fails if the compiler is missing or any file does not compile warning-free; with --budget it
# only builds the minimal program and fails if its glue exceeds the budget.
# CMake runs both forms as tests (crt.cortex_m4.compile, crt.cortex_m4.glue_budget).
set -eu

budget_only=0
if [ "${1:-}" = "--budget" ]; then
    budget_only=1
    shift
fi
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
no_inline="-fno-inline-functions-called-once -fno-inline-small-functions -fno-inline-functions"
strict="-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wcast-qual -Wundef -Wconversion -Wsign-conversion -Wcast-align"

rm -rf "$out"

# library <detail>: $out/detail<detail>/libmtvm_crt.a
library() {
    lib="$out/detail$1"
    mkdir -p "$lib/lib"
    for src in "$here"/src/*.c; do
        $cc $flags $strict -DMTVM_ERROR_DETAIL="$1" -I"$here/include" -I"$here/src" \
            -c "$src" -o "$lib/lib/$(basename "$src" .c).o"
    done
    $ar rcs "$lib/libmtvm_crt.a" "$lib"/lib/*.o
}

if [ "$budget_only" -eq 0 ]; then
    for detail in 1 0; do
        library "$detail"
        # The example of generated code and the tests must also build for the board.
        mkdir -p "$out/detail$detail/other"
        $cc $flags $strict -DMTVM_ERROR_DETAIL="$detail" -I"$here/include" \
            -c "$here/examples/tiny_cnn/mtvmgen_tiny_cnn.c" -o "$out/detail$detail/other/mtvmgen_tiny_cnn.o"
        for src in "$here"/tests/host/*.c; do
            $cc $flags -DMTVM_ERROR_DETAIL="$detail" -I"$here/include" -I"$here/tests/host" \
                -I"$here/examples/tiny_cnn" -c "$src" -o "$out/detail$detail/other/$(basename "$src" .c).o"
        done
        echo "libmtvm_crt.a for Cortex-M4 ($opt, MTVM_ERROR_DETAIL=$detail):"
        $size -t "$out/detail$detail/libmtvm_crt.a"
    done
    echo "example model (tiny_cnn) object:"
    $size "$out/detail1/other/mtvmgen_tiny_cnn.o"
else
    library 0
fi

# The minimal program: what docs/runtime.md's "Firmware use" does, linked with --gc-sections.
glue="$out/glue"
mkdir -p "$glue"
cat >"$glue/main.c" <<'PROGRAM'
#include <stdint.h>

#include "mtvm/platform.h"
#include "mtvmgen_tiny_cnn.h"

static uint8_t sram[MTVMGEN_TINY_CNN_POOL_SRAM_SIZE]
    __attribute__((aligned(MTVMGEN_TINY_CNN_POOL_SRAM_ALIGNMENT)));
static mtvm_workspace_t pools[MTVMGEN_TINY_CNN_NUM_POOLS] = {
    { MTVMGEN_TINY_CNN_POOL_SRAM_NAME, sram, sizeof sram },
};
static int8_t image[MTVMGEN_TINY_CNN_INPUT_INPUT_1_SIZE];
static int8_t scores[MTVMGEN_TINY_CNN_OUTPUT_STATEFULPARTITIONEDCALL_0_SIZE];
volatile const char* mtvm_logged;

void mtvm_platform_log(const char* message)
{
    mtvm_logged = message;
}

int main(void);
int main(void)
{
    mtvm_context_t context;
    struct mtvmgen_tiny_cnn_inputs inputs = { image };
    struct mtvmgen_tiny_cnn_outputs outputs = { scores };
    if (mtvm_context_init(&context) != MTVM_OK ||
        mtvm_set_workspaces(&context, pools, MTVMGEN_TINY_CNN_NUM_POOLS) != MTVM_OK ||
        mtvmgen_tiny_cnn_run(&inputs, &outputs, &context) != MTVM_OK) {
        mtvm_platform_log(mtvm_last_error());
        return -1;
    }
    return scores[0];
}
PROGRAM
$cc $flags $strict -DMTVM_ERROR_DETAIL=0 -I"$here/include" -I"$here/examples/tiny_cnn" \
    -c "$glue/main.c" -o "$glue/main.o"
# Kernels stay functions of their own, so that size-breakdown.sh tells them from the run function.
$cc $flags $strict -DMTVM_ERROR_DETAIL=0 -I"$here/include" $no_inline \
    -c "$here/examples/tiny_cnn/mtvmgen_tiny_cnn.c" -o "$glue/mtvmgen_tiny_cnn.o"
$cc -mcpu=cortex-m4 -mthumb -nostdlib -nostartfiles -Wl,-e,main -Wl,--gc-sections \
    -Wl,-Map="$glue/glue.map" "$glue/main.o" "$glue/mtvmgen_tiny_cnn.o" \
    "$out/detail0/libmtvm_crt.a" -lgcc -o "$glue/glue.elf"
line=$(sh "$here/tools/size-breakdown.sh" "${ARM_CROSS:-arm-none-eabi-}" "$glue/glue.elf" "$glue/glue.map")
limit=$(grep -v '^#' "$here/tools/glue-budget.txt" | head -n 1)
glue_bytes=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^glue=//p')
echo "minimal program (example model, MTVM_ERROR_DETAIL=0, $opt): $line"
if [ "$glue_bytes" -gt "$limit" ]; then
    echo "check-cortex-m4: the runtime glue takes $glue_bytes bytes of flash; the budget (tools/glue-budget.txt) is $limit" >&2
    exit 1
fi
echo "runtime glue: $glue_bytes bytes of flash (budget $limit)"
