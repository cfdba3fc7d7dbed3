#!/usr/bin/env bash
# Third-party Lua code as users run it: Debian's pure-Lua library packages (installed with
# apt-get when missing), loaded through the default package.path,, LuaFileSystem (a C module for lua5.3, built into flashlua) and programs using them;
# each script's stdout, stderr and exit status must equal lua5.3's (addresses normalized).
#
#   tests/thirdparty/run.sh FLASHLUA
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
flashlua="${1:?usage: tests/thirdparty/run.sh FLASHLUA}"
case "$flashlua" in /*) ;; *) flashlua="$PWD/$flashlua" ;; esac
packages=(lua-filesystem lua-dkjson lua-inspect lua-penlight lua-argparse lua-binaryheap lua-say lua-luassert lua-ansicolors)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    echo "thirdparty: installing ${missing[*]}"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
        || { echo "thirdparty: apt-get install failed" >&2; exit 2; }
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/flashlua-thirdparty.XXXXXX")"
trap 'rm -rf "$work"' EXIT
normalize() { sed -E -e 's/0x[0-9a-fA-F]+/0xADDR/g' -e 's#/tmp/lua_[A-Za-z0-9]+#TMPNAME#g' -e 's/^(lua5\.3|[^ :]*flashlua): /lua: /' "$1"; }
passed=0; failed=0
cd "$here"
for script in *.lua; do
    # Neither interpreter may see the user's LUA_PATH: the default paths are under test.
    env -u LUA_PATH -u LUA_PATH_5_3 -u LUA_CPATH -u LUA_CPATH_5_3 lua5.3 "$script" >"$work/ref.out" 2>"$work/ref.err"; rs=$?
    env -u LUA_PATH -u LUA_PATH_5_3 -u LUA_CPATH -u LUA_CPATH_5_3 "$flashlua" "$script" >"$work/fl.out" 2>"$work/fl.err"; fs=$?
    if [ "$rs" = "$fs" ] && cmp -s <(normalize "$work/ref.out") <(normalize "$work/fl.out") \
        && cmp -s <(normalize "$work/ref.err") <(normalize "$work/fl.err"); then
        passed=$((passed + 1)); echo "thirdparty: ok   $script"
    else
        failed=$((failed + 1)); echo "thirdparty: FAIL $script (exit: lua5.3 $rs, flashlua $fs)"
        diff <(normalize "$work/ref.out"; normalize "$work/ref.err") <(normalize "$work/fl.out"; normalize "$work/fl.err") | head -n 12 | sed 's/^/    /'
    fi
done
echo "thirdparty: $passed passed, $failed failed"
[ "$failed" = 0 ]
