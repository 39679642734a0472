#!/bin/sh
# Cross-compile the Cortex-M4F image and report its flash and RAM use.
#   firmware/cross-build.sh [--require]
# Without arm-none-eabi-gcc it prints a message and exits 0, or 1 with --require.
# Exits 1 if the image exceeds the budget: 64 KiB flash, 16 KiB RAM without the epoch store.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build="$here/build-m4f"
require=0
for arg in "$@"; do
    case "$arg" in
        --require) require=1 ;;
        *) echo "usage: $0 [--require]" >&2; exit 2 ;;
    esac
done

if ! command -v arm-none-eabi-gcc >/dev/null 2>&1; then
    echo "arm-none-eabi-gcc not found: Cortex-M4F cross build skipped."
    echo "Install it with: apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi"
    [ "$require" -eq 1 ] && exit 1
    exit 0
fi

cmake -S "$here" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$here/cmake/arm-none-eabi.cmake" \
      -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null
cmake --build "$build" -j2
elf="$build/zenmoon_m4f.elf"

echo
arm-none-eabi-size "$elf"
set -- $(arm-none-eabi-size "$elf" | awk 'NR==2 {print $1, $2, $3}')
text=$1; data=$2; bss=$3
store=$(arm-none-eabi-size -A "$elf" | awk '$1==".epoch_store" {print $2}')
stack=$(arm-none-eabi-size -A "$elf" | awk '$1==".stack" {print $2}')
store=${store:-0}
flash=$((text + data))
ram=$((data + bss))
ram_wo=$((ram - store))
flash_budget=$((64 * 1024))
ram_budget=$((16 * 1024))

echo
echo "Cortex-M4F (-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard, -Os, nano.specs)"
printf '  flash (text+data):                 %6d bytes (%d.%d KiB) budget %d\n' $flash $((flash / 1024)) $((flash % 1024 * 10 / 1024)) $flash_budget
printf '  RAM (data+bss):                    %6d bytes (incl. %d stack)\n' $ram "${stack:-0}"
printf '  epoch store (.epoch_store):        %6d bytes\n' $store
printf '  RAM excluding the epoch store:     %6d bytes (%d.%d KiB) budget %d\n' $ram_wo $((ram_wo / 1024)) $((ram_wo % 1024 * 10 / 1024)) $ram_budget

status=0
[ $flash -lt $flash_budget ] || { echo "FAIL: flash over budget"; status=1; }
[ $ram_wo -lt $ram_budget ] || { echo "FAIL: RAM over budget"; status=1; }
[ $status -eq 0 ] && echo "within budget"
exit $status
