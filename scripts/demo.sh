#!/usr/bin/env bash
# Builds flashlua and flashluac and runs the bundled example applications: examples/sensor-app
# from its source files, then examples/lfs-app from a Lua Flash Store image (each in a 44 KB heap),
# then examples/device-app on a simulated NodeMCU device (flashlua --device) for an hour of
# virtual time, with and without LFS, and examples/softmodule-app, whose module functions
# softmodule keeps in .lc files until they run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product flashlua 2>&1 | tail -n 1
swift build -c release --product flashluac 2>&1 | tail -n 1
echo "== examples/sensor-app"
(cd examples/sensor-app && ../../.build/release/flashlua --heap 44k main.lua)
echo
echo "== examples/lfs-app"
examples/lfs-app/run.sh .build/release/flashluac .build/release/flashlua
echo
echo "== examples/device-app"
examples/device-app/run.sh .build/release/flashluac .build/release/flashlua
echo
echo "== examples/softmodule-app"
exec examples/softmodule-app/run.sh .build/release/flashlua
