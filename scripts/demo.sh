#!/usr/bin/env bash
# Builds flashlua and runs the bundled example application.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product flashlua 2>&1 | tail -n 1
cd examples/sensor-app
exec ../../.build/release/flashlua --heap 44k main.lua
