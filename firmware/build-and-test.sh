#!/bin/sh
# Configure, build and test the host build of the wearable firmware.
#   firmware/build-and-test.sh        (from anywhere)
# Exits non-zero on any configure, compile (-Werror) or test failure.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cmake -S "$here" -B "$here/build-host" -DCMAKE_BUILD_TYPE=Release
cmake --build "$here/build-host" -j2
cd "$here/build-host"
ctest --output-on-failure
