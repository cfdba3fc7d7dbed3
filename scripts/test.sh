#!/usr/bin/env bash
# The whole test suite: Swift unit tests, then the differential conformance suite against the
# recordings made with Debian's lua5.3 (re-verified here so a drifted recording fails CI).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v lua5.3 >/dev/null 2>&1 || need_apt+=(lua5.3)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== installing ${need_apt[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >/dev/null
fi

echo "== building flashlua and flashluac (release)"
swift build -c release --product flashlua 2>&1 | tail -n 3
swift build -c release --product flashluac 2>&1 | tail -n 3

echo "== compiler: byte-identical chunks and identical syntax errors versus luac5.3"
bash tests/compiler/compare.sh "$PWD/.build/release/flashluac"

echo "== LFS: flashluac -f / flashlua --lfs"
bash tests/lfs/run.sh "$PWD/.build/release/flashluac" "$PWD/.build/release/flashlua"

echo "== NodeMCU formats: .lc (format 10) and LFS images (format 11) versus NodeMCU's luac.cross"
bash tests/nodemcu-formats/run.sh "$PWD/.build/release/flashluac"

echo "== the NodeMCU device model: flashlua --device"
bash tests/device/run.sh "$PWD/.build/release/flashlua" "$PWD/.build/release/flashluac"

echo "== softmodule: behaviour plain/flushed/cached against lua5.3, and its own promises"
bash tests/softmodule/run.sh "$PWD/.build/release/flashlua"

echo "== the layers: dependency graph and imports"
bash scripts/check-layers.sh

echo "== the runtime libraries build with Embedded Swift"
bash scripts/check-embedded.sh

echo "== swift test"
swift test 2>&1 | tail -n 40

echo "== conformance recordings re-checked with lua5.3"
bash tests/conformance/record.sh --check

echo "== conformance: flashlua against the recordings"
bash tests/conformance/run.sh "$PWD/.build/release/flashlua"

echo "== the 32-bit number model: recordings re-checked with NodeMCU's luac.cross -e"
bash tests/numbers32/record.sh --check

echo "== the 32-bit number model: flashlua --numbers 32 against the recordings"
bash tests/numbers32/run.sh "$PWD/.build/release/flashlua"

echo "== the official Lua 5.3.6 test suite: each file alone and all.lua, against lua5.3"
bash tests/official/run.sh "$PWD/.build/release/flashlua"

echo "== third-party Lua libraries from Debian, through the default package.path, against lua5.3"
bash tests/thirdparty/run.sh "$PWD/.build/release/flashlua"
