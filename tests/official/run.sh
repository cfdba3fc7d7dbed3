#!/usr/bin/env bash
# The official Lua 5.3.6 test suite (../shared/lua-5.3.6-tests, or LUA_TESTS=dir), run from a
# temporary copy in portable mode (_U=true), with flashlua and with the reference lua5.3:
#   - every file all.lua runs, alone: flashlua must pass it, or fail exactly as lua5.3 does
#     (exit status and first line of stderr: big.lua yields outside a coroutine when alone).
#     attrib.lua passes with flashlua, which has no C libraries (package.loadlib: "absent"),
#     and fails with lua5.3 unless libs/ is compiled for it;
#   - all.lua: flashlua must reach "final OK".
# Standard input is an empty pipe for every run (files.lua checks that io.stdin cannot seek).
#
#   tests/official/run.sh FLASHLUA [FILE ...]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
flashlua="${1:?usage: tests/official/run.sh FLASHLUA [FILE ...]}"
shift
case "$flashlua" in /*) ;; *) flashlua="$PWD/$flashlua" ;; esac
suite="${LUA_TESTS:-$here/../../../shared/lua-5.3.6-tests}"
[ -f "$suite/all.lua" ] || { echo "official: no suite at $suite (set LUA_TESTS)" >&2; exit 2; }
reference="${LUA53:-lua5.3}"
command -v "$reference" >/dev/null || { echo "official: $reference missing" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/flashlua-official.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -R "$suite/." "$work/"
chmod -R u+w "$work"
cd "$work"

# The files all.lua runs, in its order.
if [ $# -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(grep -oE "(dofile|report|loadfile)\('[a-z0-9]+\.lua'" all.lua | grep -oE "[a-z0-9]+\.lua" | awk '!seen[$0]++')
fi

run() {  # run INTERPRETER FILE OUTPREFIX
    : | timeout "${OFFICIAL_TIMEOUT:-600}" "$1" -e "_U=true" "$2" >"$3.out" 2>"$3.err"
}
first_error() {  # the first stderr line, interpreter name and temporary paths normalized
    head -n 1 "$1" | sed -E -e 's/^[^ :]*(lua5\.3|flashlua): /lua: /' -e 's#/tmp/[A-Za-z0-9_.-]+#TMP#g'
}

passed=0
failed=0
for f in "${files[@]}"; do
    start=$(date +%s)
    run "$reference" "$f" "ref.$f"; rs=$?
    run "$flashlua" "$f" "fl.$f"; fs=$?
    secs=$(( $(date +%s) - start ))
    if [ "$fs" = 0 ] || { [ "$fs" = "$rs" ] && [ "$(first_error "ref.$f.err")" = "$(first_error "fl.$f.err")" ]; }; then
        passed=$((passed + 1))
        note=""
        [ "$rs" != 0 ] && [ "$fs" != 0 ] && note=" (fails as in lua5.3: $(first_error "ref.$f.err"))"
        [ "$rs" != 0 ] && [ "$fs" = 0 ] && note=" (lua5.3 fails here: $(first_error "ref.$f.err"))"
        echo "official: ok   $f (${secs}s)$note"
    else
        failed=$((failed + 1))
        echo "official: FAIL $f: flashlua exit $fs, lua5.3 exit $rs"
        sed -n '1,6p' "fl.$f.err" | sed 's/^/    flashlua: /'
        [ "$rs" != 0 ] && sed -n '1,2p' "ref.$f.err" | sed 's/^/    lua5.3:   /'
    fi
done

if [ $# -eq 0 ]; then
    start=$(date +%s)
    run "$flashlua" all.lua "fl.all"; fs=$?
    secs=$(( $(date +%s) - start ))
    if [ "$fs" = 0 ] && grep -q "final OK" "fl.all.out"; then
        passed=$((passed + 1)); echo "official: ok   all.lua (${secs}s): $(grep -o 'final OK.*' fl.all.out)"
    else
        failed=$((failed + 1)); echo "official: FAIL all.lua: exit $fs"
        tail -n 3 fl.all.out | sed 's/^/    stdout: /'; sed -n '1,6p' fl.all.err | sed 's/^/    stderr: /'
    fi
fi
echo "official: $passed passed, $failed failed"
[ "$failed" = 0 ]
