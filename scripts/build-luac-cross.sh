#!/usr/bin/env bash
# Builds NodeMCU's luac.cross from a copy of ../shared/nodemcu (read-only; NODEMCU=dir to use
# another copy), in both number models NodeMCU builds: the ESP8266 default of 32-bit integers
# and floats (luac.cross) and LUA_NUMBER_64BITS (luac.cross.64). Prints the folder holding both.
# Builds once per source tree: a second call reuses the binaries (about 20 s a model otherwise).
# Also luac.cross.m32 and luac.cross.m32.64: the same built for i386 (gcc -m32), whose struct
# layout is the ESP8266's, so `-F image -a addr -o out` runs NodeMCU's own loader (lundump.c,
# MODE_LFS with 4-byte alignment) and `out` is the flash the chip fills (its size = flash_size).
# In that copy luac.c's restart test is patched: lnodemcu.c signals the restart after a load
# with the string "!LFSrestart!", which luac.c's loop (expecting a boolean) took as fatal.
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
echo 'int main(void){return 0;}' | gcc -m32 -x c -o /dev/null - 2>/dev/null || {
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-multilib) >/dev/null
}
build() {  # $1: binary name, $2: extra C flags, $3: "m32" for the i386 build
    local bin="$out/$1"
    [ -x "$bin" ] && { "$bin" -v >/dev/null 2>&1; } && return 0
    local tree="$out/tree-$1"
    rm -rf "$tree"
    cp -R "$src" "$tree"
    chmod -R u+w "$tree"
    local cc=gcc
    if [ "${3:-}" == m32 ]; then
        cc="gcc -m32"
        sed -i 's/if (lua_isboolean(L,-1) \&\& lua_toboolean(L,-1)) {/if (lua_type(L,-1) == LUA_TSTRING \&\& strstr(lua_tostring(L,-1), "!LFSrestart!")) {/' \
            "$tree/app/lua53/host/luac.c"
        grep -q '"!LFSrestart!")) {' "$tree/app/lua53/host/luac.c" || { echo "build-luac-cross: restart patch failed" >&2; exit 1; }
    fi
    if ! (cd "$tree/app/lua53/host" && LUA=53 make CC="$cc" EXTRA_CCFLAGS="$2" >"$out/$1.log" 2>&1); then
        echo "build-luac-cross: building $1 failed; see $out/$1.log" >&2
        exit 1
    fi
    cp "$tree/luac.cross" "$bin"
    rm -rf "$tree"
}
build luac.cross ""
build luac.cross.64 "-DLUA_NUMBER_64BITS"
build luac.cross.m32 "-m32" m32
build luac.cross.m32.64 "-m32 -DLUA_NUMBER_64BITS" m32
echo "$out"
