#!/bin/sh
# Flash and RAM use of a firmware ELF, checked against the board's regions.
#
#   sh size-report.sh <size-tool> <nm-tool> <firmware.elf> <board> [arena-bytes] [stack-bytes]
#
# flash = text + data (berkeley "size": text is vectors, code and read-only data; data is
# the load image of .data), ram = data + bss (bss includes the arena and the stack). The
# limits are the linker script's __mtvm_flash_size / __mtvm_ram_size; the host template has
# none. Prints one line
#   MTVM_SIZE board=<b> flash=<n> flash_limit=<n> ram=<n> ram_limit=<n> text=... data=...
#             bss=... arena=... stack=...
# and exits 1 when a region overflows (the linker would normally have refused already).
set -eu
size_tool=$1
nm_tool=$2
elf=$3
board=$4
arena=${5:-?}
stack=${6:-?}

set -- $($size_tool -B "$elf" | awk 'NR == 2 { print $1, $2, $3 }')
text=$1
data=$2
bss=$3
flash=$((text + data))
ram=$((data + bss))

symbol() {
    v=$($nm_tool "$elf" | awk -v name="$1" '$3 == name { print $1 }')
    if [ -n "$v" ]; then printf '%d\n' "0x$v"; else echo none; fi
}
flash_limit=$(symbol __mtvm_flash_size)
ram_limit=$(symbol __mtvm_ram_size)

echo "MTVM_SIZE board=$board flash=$flash flash_limit=$flash_limit ram=$ram ram_limit=$ram_limit text=$text data=$data bss=$bss arena=$arena stack=$stack"
status=0
if [ "$flash_limit" != none ] && [ "$flash" -gt "$flash_limit" ]; then
    echo "size-report: flash use $flash exceeds the board's $flash_limit bytes" >&2
    status=1
fi
if [ "$ram_limit" != none ] && [ "$ram" -gt "$ram_limit" ]; then
    echo "size-report: RAM use $ram exceeds the board's $ram_limit bytes" >&2
    status=1
fi
exit $status
