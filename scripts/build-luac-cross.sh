#!/usr/bin/env bash
# Builds NodeMCU's luac.cross from a copy of ../shared/nodemcu (read-only; NODEMCU=dir to use
# another copy), in both number models NodeMCU builds: the ESP8266 default of 32-bit integers
# and floats (luac.cross) and LUA_NUMBER_64BITS (luac.cross.64). Prints the folder holding both.
# Builds once per source tree: a second call reuses the binaries (about 20 s a model otherwise).
#   scripts/build-luac-cross.sh [OUTDIR]      (default .build-nodemcu/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="${NODEMCU:-$root/../shared/nodemcu}"
[ -d "$src/app/lua53/host" ] || { echo "build-luac-cross: no NodeMCU tree at $src (set NODEMCU)" >&2; exit 2; }
out="${1:-$root/.build-nodemcu}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
command -v gcc >/dev/null && command -v make >/dev/null || {
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc make) >/dev/null
}
build() {  # $1: binary name, $2: extra C flags
    local bin="$out/$1"
    [ -x "$bin" ] && { "$bin" -v >/dev/null 2>&1; } && return 0
    local tree="$out/tree-$1"
    rm -rf "$tree"
    cp -R "$src" "$tree"
    chmod -R u+w "$tree"
    if ! (cd "$tree/app/lua53/host" && LUA=53 make EXTRA_CCFLAGS="$2" >"$out/$1.log" 2>&1); then
        echo "build-luac-cross: building $1 failed; see $out/$1.log" >&2
        exit 1
    fi
    cp "$tree/luac.cross" "$bin"
    rm -rf "$tree"
}
build luac.cross ""
build luac.cross.64 "-DLUA_NUMBER_64BITS"
echo "$out"
