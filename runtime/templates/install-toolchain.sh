#!/bin/sh
# Checks for (and, as root, installs) what a firmware template needs: the board's compiler
# and binutils, its QEMU (with the board's machine), and make. Debian/Ubuntu package names.
#
#   sh runtime/templates/install-toolchain.sh [--check] <board>
#
# Boards: qemu-mps2-an385 qemu-mps2-an386 qemu-mps2-an500 qemu-mps3-an547 qemu-riscv32 host
# Exit codes: 0 everything present (or installed now); 2 something is missing and was not
# installed (not root, --check, or no apt-get): the packages to install are printed;
# 3 unknown board; 4 installation failed or the installed QEMU lacks the machine.
# CMake (>= 3.16, package cmake) is only needed for the CMakeLists.txt builds: reported, never
# required.
set -u

check_only=0
if [ "${1:-}" = "--check" ]; then
    check_only=1
    shift
fi
board=${1:-}

case $board in
    qemu-mps2-an385|qemu-mps2-an386|qemu-mps2-an500|qemu-mps3-an547)
        tools="arm-none-eabi-gcc:gcc-arm-none-eabi arm-none-eabi-size:binutils-arm-none-eabi arm-none-eabi-nm:binutils-arm-none-eabi qemu-system-arm:qemu-system-arm make:make"
        qemu=qemu-system-arm
        machine=${board#qemu-}
        ;;
    qemu-riscv32)
        tools="riscv64-unknown-elf-gcc:gcc-riscv64-unknown-elf riscv64-unknown-elf-size:binutils-riscv64-unknown-elf riscv64-unknown-elf-nm:binutils-riscv64-unknown-elf qemu-system-riscv32:qemu-system-misc make:make"
        qemu=qemu-system-riscv32
        machine=virt
        ;;
    host)
        tools="gcc:gcc size:binutils nm:binutils make:make"
        qemu=""
        machine=""
        ;;
    *)
        echo "usage: install-toolchain.sh [--check] <board>" >&2
        echo "boards: qemu-mps2-an385 qemu-mps2-an386 qemu-mps2-an500 qemu-mps3-an547 qemu-riscv32 host" >&2
        exit 3
        ;;
esac

missing_packages() {
    packages=""
    for entry in $tools; do
        tool=${entry%%:*}
        package=${entry#*:}
        if ! command -v "$tool" >/dev/null 2>&1; then
            case " $packages " in
                *" $package "*) ;;
                *) packages="$packages $package" ;;
            esac
        fi
    done
    echo $packages
}

check_machine() {
    [ -z "$qemu" ] && return 0
    if ! "$qemu" -machine help 2>/dev/null | grep -q "^$machine "; then
        echo "install-toolchain: $qemu has no machine '$machine' (too old a QEMU; mps3-an547 needs QEMU >= 6.1, RISC-V semihosting >= 7.0)" >&2
        return 1
    fi
    return 0
}

report_cmake() {
    if ! command -v cmake >/dev/null 2>&1; then
        echo "install-toolchain: note: cmake not found (only needed for the CMakeLists.txt builds; package cmake)"
    fi
}

packages=$(missing_packages)
if [ -z "$packages" ]; then
    check_machine || exit 4
    report_cmake
    echo "install-toolchain: $board: everything present"
    exit 0
fi

if [ "$check_only" -eq 1 ] || [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-toolchain: $board: missing packages: $packages"
    echo "install-toolchain: install them as root with: DEBIAN_FRONTEND=noninteractive apt-get install -y $packages"
    exit 2
fi

echo "install-toolchain: $board: installing $packages"
# apt-get update first when the package lists are empty, or when the first attempt fails.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$')" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q || exit 4
fi
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q || exit 4
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages || exit 4
fi

packages=$(missing_packages)
if [ -n "$packages" ]; then
    echo "install-toolchain: $board: still missing after installation: $packages" >&2
    exit 4
fi
check_machine || exit 4
report_cmake
echo "install-toolchain: $board: everything present"
exit 0
