#!/bin/sh
# End-to-end test of the firmware templates with the example model (runtime/crt/examples/
# tiny_cnn): for the host and every QEMU board, build, run, compare, and test the failure paths.
#
#   sh runtime/templates/tests/run-all.sh [--boards "b1 b2 ..."] [--allow-missing] [--no-cmake]
#
# Per board:
#   1. make (REPEAT=1) and "make size" (flash/RAM within the board's regions);
#   2. run it twice per input vector in QEMU (-icount shift=0, semihosting, timeout 60):
#      exit code 0, a well-formed MTVM_RESULT line, outputs.bin equal to the host build's
#      outputs, and both runs' result lines identical (the instruction count is deterministic);
#   3. make REPEAT=100: the count per run must agree with the REPEAT=1 count within the
#      counter's resolution and be plausible (between 200 and 100000 instructions);
#   4. failure paths: POOL_SHRINK=1 -> exit 5 with MTVM_ERR_WORKSPACE_TOO_SMALL and the last
#      error, minimal (the boards' default ERROR_DETAIL=0) and as a sentence (ERROR_DETAIL=1);
#      ARENA_SIZE=32 -> exit 2; no inputs.bin, or one of the wrong size -> exit 3;
#      FAULT_TEST=1 -> exit 7 with an MTVM_FAULT line naming the faulting address (never a
#      hang: timeout gives 124);
#   5. unless --no-cmake: the same firmware built with CMake gives the same result line.
# The host build runs first and gives the reference outputs. A board whose compiler or QEMU
# is missing fails the run (see install-toolchain.sh), or is skipped with --allow-missing.
#
# Build products go to $MTVM_TEMPLATES_OUT (default /tmp/mtvm-templates-test), never into the
# source tree. Prints one summary line per board and exits 0 only if every check passed.
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
out=${MTVM_TEMPLATES_OUT:-/tmp/mtvm-templates-test}
boards="qemu-mps2-an385 qemu-mps2-an386 qemu-mps2-an500 qemu-mps3-an547 qemu-riscv32"
allow_missing=0
with_cmake=1
jobs=${MTVM_JOBS:-2}

while [ $# -gt 0 ]; do
    case $1 in
        --boards) boards=$2; shift 2 ;;
        --allow-missing) allow_missing=1; shift ;;
        --no-cmake) with_cmake=0; shift ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "run-all: unknown argument $1" >&2; exit 2 ;;
    esac
done

failures=0
summary=""

fail() {
    echo "FAIL [$board] $*"
    failures=$((failures + 1))
    board_ok=0
}

# make_board <board> <build-dir> [VAR=value...]: builds quietly; the log is in <build-dir>.log.
make_board() {
    mb_board=$1
    mb_build=$2
    shift 2
    make -s -C "$here/$mb_board" -j"$jobs" BUILD="$mb_build" "$@" >"$mb_build.log" 2>&1
}

# run_firmware <board> <build-dir> <work-dir>: runs the board's RUN_CMD in <work-dir>;
# output in <work-dir>/console.txt, exit code in $rc.
run_firmware() {
    rf_cmd=$(make -s -C "$here/$1" BUILD="$2" run-command)
    (cd "$3" && eval "$rf_cmd" >console.txt 2>&1)
    rc=$?
}

result_line() {
    grep '^MTVM_RESULT ' "$1/console.txt" | head -n 1
}

field() { # field <line> <key>
    printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}

# The input vectors: the bytes of input_1 (int8 [1,4,4,1]) for tiny_cnn.
mkdir -p "$out"
rm -rf "$out/inputs"
mkdir -p "$out/inputs/ramp" "$out/inputs/mixed"
printf '\000\020\040\060\100\120\140\160\200\220\240\260\300\320\340\360' >"$out/inputs/ramp/inputs.bin"
printf '\177\200\001\377\132\245\017\360\063\314\125\252\007\370\100\300' >"$out/inputs/mixed/inputs.bin"
vectors="ramp mixed"

# ---- the host reference ----
board=host
board_ok=1
rm -rf "$out/host"
mkdir -p "$out/host"
if make_board host "$out/host/build"; then
    for v in $vectors; do
        w="$out/host/$v"
        mkdir -p "$w"
        cp "$out/inputs/$v/inputs.bin" "$w/"
        run_firmware host "$out/host/build" "$w"
        line=$(result_line "$w")
        if [ "$rc" -ne 0 ] || [ -z "$line" ]; then
            fail "host run ($v) exited $rc: $(cat "$w/console.txt")"
        elif [ "$(wc -c <"$w/outputs.bin")" -ne 3 ]; then
            fail "host outputs.bin ($v) is not 3 bytes"
        else
            cp "$w/outputs.bin" "$out/inputs/$v/expected.bin"
            echo "ok   [host] $v: outputs $(od -An -tx1 "$w/outputs.bin" | tr -d '\n'); $line"
        fi
    done
else
    fail "host build failed: $(cat "$out/host/build.log")"
fi
if [ "$board_ok" -ne 1 ]; then
    echo "run-all: no host reference, stopping" >&2
    exit 1
fi

# ---- the QEMU boards ----
for board in $boards; do
    board_ok=1
    dir="$out/$board"
    rm -rf "$dir"
    mkdir -p "$dir"

    if ! sh "$here/install-toolchain.sh" --check "$board" >"$dir/toolchain.log" 2>&1; then
        if [ "$allow_missing" -eq 1 ]; then
            echo "SKIP [$board] $(tail -n 1 "$dir/toolchain.log")"
            summary="$summary
$board: skipped (toolchain missing)"
            continue
        fi
        fail "toolchain missing: $(cat "$dir/toolchain.log")"
        summary="$summary
$board: FAILED (toolchain missing)"
        continue
    fi

    # 1. build and size
    if ! make_board "$board" "$dir/base"; then
        fail "build failed: $(cat "$dir/base.log")"
        summary="$summary
$board: FAILED (build)"
        continue
    fi
    size_line=$(make -s -C "$here/$board" BUILD="$dir/base" size 2>&1)
    if [ $? -ne 0 ]; then
        fail "size check: $size_line"
    fi

    # 2. outputs and determinism
    count=""
    for v in $vectors; do
        for attempt in 1 2; do
            w="$dir/run-$v-$attempt"
            mkdir -p "$w"
            cp "$out/inputs/$v/inputs.bin" "$w/"
            run_firmware "$board" "$dir/base" "$w"
            line=$(result_line "$w")
            if [ "$rc" -ne 0 ]; then
                fail "run $v/$attempt exited $rc: $(cat "$w/console.txt")"
                continue
            fi
            case $line in
                "MTVM_RESULT exit=0 status=0 name=MTVM_OK model=tiny_cnn repeat=1 instructions="*) ;;
                *) fail "run $v/$attempt: unexpected result line: $line"; continue ;;
            esac
            if ! cmp -s "$w/outputs.bin" "$out/inputs/$v/expected.bin"; then
                fail "run $v/$attempt: outputs $(od -An -tx1 "$w/outputs.bin" | tr -d '\n') differ from the host's $(od -An -tx1 "$out/inputs/$v/expected.bin" | tr -d '\n')"
            fi
        done
        first=$(result_line "$dir/run-$v-1")
        second=$(result_line "$dir/run-$v-2")
        if [ "$first" != "$second" ]; then
            fail "not deterministic ($v): '$first' vs '$second'"
        fi
        [ -z "$count" ] && count=$(field "$first" instructions)
    done
    resolution=$(field "$(result_line "$dir/run-ramp-1")" resolution)

    # 3. REPEAT=100: per-run count, consistent with REPEAT=1 and plausible
    per_run=""
    if make_board "$board" "$dir/repeat" REPEAT=100; then
        w="$dir/run-repeat"
        mkdir -p "$w"
        cp "$out/inputs/ramp/inputs.bin" "$w/"
        run_firmware "$board" "$dir/repeat" "$w"
        line=$(result_line "$w")
        total=$(field "$line" instructions)
        per_run=$(field "$line" per_run)
        if [ "$rc" -ne 0 ] || [ -z "$total" ]; then
            fail "REPEAT=100 run exited $rc: $(cat "$w/console.txt")"
            per_run=""
        elif ! cmp -s "$w/outputs.bin" "$out/inputs/ramp/expected.bin"; then
            fail "REPEAT=100 outputs differ from the host's"
        else
            # |count(1) - total(100)/100| <= 2 * resolution (quantisation of both readings)
            # + 4 (the repeat loop's own increment, compare and branch, and the register
            # moves around the call, differ between a loop of one and of a hundred)
            diff=$(( count * 100 - total ))
            [ "$diff" -lt 0 ] && diff=$(( -diff ))
            if [ "$diff" -gt $(( 200 * resolution + 400 )) ]; then
                fail "REPEAT=1 counts $count, REPEAT=100 counts $total (per run $per_run)"
            fi
            if [ "$per_run" -lt 200 ] || [ "$per_run" -gt 100000 ]; then
                fail "implausible instruction count per run: $per_run"
            fi
        fi
    else
        fail "REPEAT=100 build failed: $(cat "$dir/repeat.log")"
    fi

    # 4. failure paths
    w="$dir/run-missing-input"
    mkdir -p "$w"
    run_firmware "$board" "$dir/base" "$w"
    line=$(result_line "$w")
    case "$rc $line" in
        "3 MTVM_RESULT exit=3 model=tiny_cnn stage=inputs error=cannot open inputs.bin"*) ;;
        *) fail "without inputs.bin: exit $rc, $(cat "$w/console.txt")" ;;
    esac

    w="$dir/run-short-input"
    mkdir -p "$w"
    printf 'abc' >"$w/inputs.bin"
    run_firmware "$board" "$dir/base" "$w"
    line=$(result_line "$w")
    case "$rc $line" in
        "3 MTVM_RESULT exit=3 model=tiny_cnn stage=inputs error=inputs.bin has 3 bytes; the model's inputs need exactly 16") ;;
        *) fail "with a 3-byte inputs.bin: exit $rc, $(cat "$w/console.txt")" ;;
    esac

    # The boards' default ERROR_DETAIL=0 gives the minimal last error; ERROR_DETAIL=1 the sentence.
    for detail in 0 1; do
        if make_board "$board" "$dir/shrink$detail" POOL_SHRINK=1 ERROR_DETAIL=$detail; then
            w="$dir/run-shrink$detail"
            mkdir -p "$w"
            cp "$out/inputs/ramp/inputs.bin" "$w/"
            run_firmware "$board" "$dir/shrink$detail" "$w"
            line=$(result_line "$w")
            expected="MTVM_RESULT exit=5 status=10 name=MTVM_ERR_WORKSPACE_TOO_SMALL model=tiny_cnn stage=mtvm_run error="
            if [ "$detail" -eq 1 ]; then
                expected="${expected}mtvm_run: model 'tiny_cnn': workspace pool 'sram' has 43 bytes; needs 44"
            else
                expected="${expected}status 10 'sram'"
            fi
            if [ "$rc" -ne 5 ] || [ "$line" != "$expected" ]; then
                fail "POOL_SHRINK=1 ERROR_DETAIL=$detail: exit $rc, $(cat "$w/console.txt")"
            fi
        else
            fail "POOL_SHRINK=1 ERROR_DETAIL=$detail build failed: $(cat "$dir/shrink$detail.log")"
        fi
    done

    if make_board "$board" "$dir/arena" ARENA_SIZE=32; then
        w="$dir/run-arena"
        mkdir -p "$w"
        cp "$out/inputs/ramp/inputs.bin" "$w/"
        run_firmware "$board" "$dir/arena" "$w"
        line=$(result_line "$w")
        case "$rc $line" in
            "2 MTVM_RESULT exit=2 model=tiny_cnn stage=arena error=the arena has 32 bytes"*) ;;
            *) fail "ARENA_SIZE=32: exit $rc, $(cat "$w/console.txt")" ;;
        esac
    else
        fail "ARENA_SIZE=32 build failed: $(cat "$dir/arena.log")"
    fi

    if make_board "$board" "$dir/fault" FAULT_TEST=1; then
        w="$dir/run-fault"
        mkdir -p "$w"
        cp "$out/inputs/ramp/inputs.bin" "$w/"
        run_firmware "$board" "$dir/fault" "$w"
        fault=$(grep '^MTVM_FAULT ' "$w/console.txt" | head -n 1)
        case $board in
            qemu-riscv32) want="exception=LoadAccessFault mcause=0x00000005 pc=0x* mtval=0xf0000000 *" ;;
            *) want="exception=BusFault number=5 pc=0x* cfsr=0x00008200 hfsr=0x* mmfar=0x* bfar=0xf0000000*" ;;
        esac
        case "$rc $fault" in
            "7 MTVM_FAULT exit=7 "$want) ;;
            *) fail "FAULT_TEST=1: exit $rc (124 = hang), $(cat "$w/console.txt")" ;;
        esac
    else
        fail "FAULT_TEST=1 build failed: $(cat "$dir/fault.log")"
    fi

    # 5. CMake
    if [ "$with_cmake" -eq 1 ]; then
        w="$dir/run-cmake"
        mkdir -p "$w"
        cp "$out/inputs/ramp/inputs.bin" "$w/"
        if cmake -S "$here/$board" -B "$dir/cmake" -DRUN_DIR="$w" >"$dir/cmake.log" 2>&1 &&
           cmake --build "$dir/cmake" -j "$jobs" >>"$dir/cmake.log" 2>&1 &&
           cmake --build "$dir/cmake" --target size >>"$dir/cmake.log" 2>&1; then
            cmake --build "$dir/cmake" --target run >"$w/console.txt" 2>&1
            line=$(result_line "$w")
            if [ "$line" != "$(result_line "$dir/run-ramp-1")" ] ||
               ! cmp -s "$w/outputs.bin" "$out/inputs/ramp/expected.bin"; then
                fail "CMake build: '$line' differs from the make build's"
            fi
        else
            fail "CMake build failed: $(tail -n 20 "$dir/cmake.log")"
        fi
    fi

    flash=$(field "$size_line" flash)
    ram=$(field "$size_line" ram)
    if [ "$board_ok" -eq 1 ]; then
        echo "ok   [$board] instructions per inference: $per_run (REPEAT=100; REPEAT=1 counts $count, resolution $resolution); flash $flash, RAM $ram"
        summary="$summary
$board: ok, $per_run instructions per inference, flash $flash B, RAM $ram B"
    else
        summary="$summary
$board: FAILED"
    fi
done

echo "----"
echo "run-all summary (outputs in $out):$summary"
if [ "$failures" -ne 0 ]; then
    echo "run-all: $failures check(s) failed"
    exit 1
fi
echo "run-all: every check passed"
exit 0
