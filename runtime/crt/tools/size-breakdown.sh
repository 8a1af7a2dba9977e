#!/bin/sh
# Where the flash of a linked firmware goes: the runtime glue, the kernels, the weights, the
# libraries and the test harness, from the linker map (every input section of every object).
#
#   sh runtime/crt/tools/size-breakdown.sh [--list] <cross-prefix> <firmware.elf> <firmware.map>
#
# e.g. sh runtime/crt/tools/size-breakdown.sh arm-none-eabi- build/firmware.elf build/firmware.map
# Prints one line (all figures are bytes of flash: input sections of the output sections that
# are allocated and have contents, i.e. text + data as "size" counts them)
#   MTVM_SIZE_BREAKDOWN flash=<n> glue=<n> glue_runtime=<n> glue_model=<n> kernels=<n>
#                       weights=<n> libraries=<n> harness=<n> other=<n>
# and with --list first one line per input section: <category> <bytes> <section> <object>.
#
# The categories (docs/runtime.md, "Footprint"):
#   glue       = glue_runtime + glue_model: everything but the kernels and the weights that running
#                a model through the runtime takes.
#     glue_runtime  the runtime's objects (status.o, status_name.o, runtime.o, format.o,
#                   platform_default.o,
#                   also as members of libmtvm_crt.a) that the model objects need, directly or
#                   through each other (by their undefined and defined symbols): the formatter is
#                   glue only when the runtime itself calls it, not when only the harness does.
#     glue_model    in each model object (mtvmgen_<m>.o): the run function <m>_run_model, the
#                   typed entry point <m>_run, the descriptor <m>_model, the descriptor arrays
#                   <m>_{input,output,pool}_descs, the shape arrays <m>_..._shape
#                   and the anonymous strings (the model's, tensors' and pools' names).
#   kernels    every other function of a model object (and its other mergeable constants).
#   weights    every other data section of a model object: weights, biases, multipliers, tables.
#   libraries  libgcc, libc, libm, the templates' libm/mathf.o and freestanding.o (mem*, str*),
#              shared by kernels and harness.
#   harness    every other object: the firmware templates' main, start-up, board and
#              semihosting code, the model table of a project, unused runtime objects.
#   other      flash not in any input section: alignment padding, linker-made sections; a few
#              bytes below 0 when the linker merged identical strings of several objects (each
#              object's strings are counted before merging).
# A kernel the compiler inlined into <m>_run_model counts as glue: build the model object with
# -fno-inline-functions-called-once -fno-inline-small-functions -fno-inline-functions to keep
# every kernel its own function (the firmware templates' MODEL_CFLAGS).
#
# Object paths in the map are read as the linker saw them; run from the directory the link ran
# in, or the objects are looked for next to the map (<map dir>/obj/<name>.o, firmware.mk's layout).
set -eu

list=0
if [ "${1:-}" = "--list" ]; then
    list=1
    shift
fi
if [ $# -ne 3 ]; then
    sed -n '2,8p' "$0" >&2
    exit 2
fi
cross=$1
elf=$2
map=$3
objdump=${cross}objdump
nm=${cross}nm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Hexadecimal (without 0x) to a number, for awk: mawk has no strtonum.
hex='function hex(text,    i, n) {
    n = 0; text = tolower(text); sub(/^0x/, "", text)
    for (i = 1; i <= length(text); i++) n = n * 16 + index("0123456789abcdef", substr(text, i, 1)) - 1
    return n
}'

# Output sections that occupy flash (allocated, with contents): <name> <bytes>.
$objdump -h "$elf" | awk "$hex"'
    $1 ~ /^[0-9]+$/ { name = $2; size = hex($3); next }
    name != "" { if ($0 ~ /ALLOC/ && $0 ~ /CONTENTS/) print name, size; name = "" }
' >"$tmp/flash-sections"

# Input sections: <output section> <bytes> <input section> <object>, from the memory map.
awk "$hex"'
    /^Linker script and memory map/ { in_map = 1; next }
    !in_map { next }
    # an output section: its name at column 0
    /^\.[^ ]/ { output = $1; pending = ""; next }
    # an input section alone on its line; address, size and object follow on the next
    /^ [^ *]/ && NF == 1 { pending = $1; next }
    # an input section with address, size and object on its line
    /^ [^ *]/ && NF >= 4 && $2 ~ /^0x/ && $3 ~ /^0x/ { print output, hex($3), $1, $4; pending = ""; next }
    pending != "" && NF >= 3 && $1 ~ /^0x/ && $2 ~ /^0x/ { print output, hex($2), pending, $3; pending = ""; next }
    { pending = "" }
' "$map" >"$tmp/input-sections"

# The runtime's and the models' objects with their external symbols (for the glue closure).
locate() {
    case $1 in
        *"("*")") echo "$1" ;;                      # archive member: nm reads the archive
        *) if [ -f "$1" ]; then echo "$1"
           else echo "$(dirname "$map")/obj/$(basename "$1")"; fi ;;
    esac
}
: >"$tmp/symbols"
awk '{ print $4 }' "$tmp/input-sections" | sort -u | while read -r object; do
    base=$(basename "$object")
    member=$(printf '%s\n' "$base" | sed -n 's/.*(\(.*\))$/\1/p')
    [ -n "$member" ] && base=$member
    case $base in
        status.o|status_name.o|format.o|runtime.o|platform_default.o|mtvmgen_*.o) ;;
        *) continue ;;
    esac
    file=$(locate "$object")
    case $file in
        *"("*")")
            archive=${file%%(*}
            $nm -A -g "$archive" 2>/dev/null | awk -v want="$member" -v obj="$object" '
                { split($1, parts, ":"); if (parts[2] != want) next
                  print obj, $2, $3 }' >>"$tmp/symbols" ;;
        *)
            $nm -g "$file" | awk -v obj="$object" '{ print obj, (NF == 3 ? $2 : $1), $NF }' >>"$tmp/symbols" ;;
    esac
done

awk -v list="$list" '
    FILENAME == ARGV[1] { flash[$1] = 1; next }
    FILENAME == ARGV[2] {
        # <object> <type> <symbol>: U = needed, anything else = defined here
        if ($2 == "U") { needs[$1] = needs[$1] " " $3 } else { definer[$3] = $1 }
        next
    }
    !($1 in flash) { next }
    { n++; out[n] = $1; size[n] = $2; section[n] = $3; object[n] = $4 }
    END {
        # Kind of each object by its file name.
        for (i = 1; i <= n; i++) {
            o = object[i]
            if (o in kind) continue
            b = o; sub(/.*\//, "", b); if (b ~ /\)$/) { sub(/.*\(/, "", b); sub(/\)$/, "", b) }
            lib = o; sub(/.*\//, "", lib); sub(/\(.*/, "", lib)
            if (b ~ /^(status|status_name|format|runtime|platform_default)\.o$/) kind[o] = "runtime"
            else if (b ~ /^mtvmgen_.*\.o$/) { kind[o] = "model"; prefix[o] = b; sub(/\.o$/, "", prefix[o]) }
            else if (lib ~ /^lib(gcc|c|m|nosys|c_nano|g)\.a$/ || b ~ /^(mathf|freestanding)\.o$/) kind[o] = "libraries"
            else kind[o] = "harness"
        }
        # The runtime objects the models need, transitively.
        for (o in kind) if (kind[o] == "model") { needed[o] = 1; queue[++q] = o }
        for (h = 1; h <= q; h++) {
            m = split(needs[queue[h]], syms, " ")
            for (j = 1; j <= m; j++) {
                d = definer[syms[j]]
                if (d != "" && kind[d] == "runtime" && !(d in needed)) { needed[d] = 1; queue[++q] = d }
            }
        }
        for (i = 1; i <= n; i++) {
            o = object[i]; s = section[i]
            if (kind[o] == "runtime") c = (o in needed) ? "glue_runtime" : "harness"
            else if (kind[o] == "model") {
                p = prefix[o]
                sym = s
                if (sub(/^\.(text|rodata|data\.rel\.ro|data|sdata|srodata)\./, "", sym)) sub(/\..*/, "", sym)
                else sym = ""
                if (s ~ /^\.rodata\.str/ || s ~ /^\.srodata\.str/ ||
                    sym == p "_run_model" || sym == p "_run" || sym == p "_model" ||
                    sym ~ ("^" p "_(input|output|pool)_descs$") ||
                    sym ~ ("^" p "_.+_shape$")) c = "glue_model"
                else if (s ~ /^\.text/ || s ~ /^\.(s)?rodata\.cst/) c = "kernels"
                else c = "weights"
            }
            else c = kind[o]
            total[c] += size[i]
            if (list) print c, size[i], s, o
        }
    }
    END {
        for (c in total) sum += total[c]
        printf "%d %d %d %d %d %d %d\n", total["glue_runtime"], total["glue_model"], total["kernels"],
               total["weights"], total["libraries"], total["harness"], sum
    }
' "$tmp/flash-sections" "$tmp/symbols" "$tmp/input-sections" >"$tmp/result"

if [ "$list" -eq 1 ]; then
    sed '$d' "$tmp/result"
fi
flash=$(awk '{ total += $2 } END { print total + 0 }' "$tmp/flash-sections")
set -- $(tail -n 1 "$tmp/result")
echo "MTVM_SIZE_BREAKDOWN flash=$flash glue=$(($1 + $2)) glue_runtime=$1 glue_model=$2 kernels=$3 weights=$4 libraries=$5 harness=$6 other=$((flash - $7))"
