#!/usr/bin/env bash
# Runs every script of tests/numbers32/ (and chip/) with `FLASHLUA --numbers 32` and compares
# with the recordings (<name>.expected beside each <name>.lua). For a failure it prints the
# first lines of the diff; the last line is `numbers32: N passed, N failed`; exit 1 on a failure.
#
#   tests/numbers32/run.sh FLASHLUA
set -u
here=$(cd "$(dirname -- "$0")" && pwd -P)
. "$here/lib.sh"

[ $# -eq 1 ] || { echo "usage: run.sh FLASHLUA" >&2; exit 2; }
interp=$(n32_abs "$1") || interp=
[ -n "$interp" ] && [ -x "$interp" ] || { echo "run.sh: not executable: $1" >&2; exit 2; }
export LC_ALL=C

out=$(mktemp -d "${TMPDIR:-/tmp}/numbers32-run.XXXXXX")
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
# run_and_compare LABEL EXPECTED SCRIPT: runs SCRIPT with flashlua --numbers 32 against EXPECTED.
run_and_compare() {
  n32_produce "$out/actual" "$3" "$interp" --numbers 32
  if cmp -s "$2" "$out/actual"; then
    passed=$((passed + 1))
  else
    echo "FAIL $1"
    diff -u "$2" "$out/actual" | head -n 20
    failed=$((failed + 1))
  fi
}
for script in "$here"/*.lua "$here"/chip/*.lua; do
  expected=${script%.lua}.expected
  name=${script#"$here"/}
  if [ ! -f "$expected" ]; then
    echo "FAIL $name: no recording"
    failed=$((failed + 1))
    continue
  fi
  run_and_compare "$name" "$expected" "$script"
done
# The same scripts compiled by NodeMCU's luac.cross (format 10 .lc, folded with the chip's
# numbers) and run by flashlua: the bytecode the chip would get must print the same. (Not chip/:
# luac.cross folds float % with fmodf on the host, the chip's rule differs.)
cross="${LUAC_CROSS:-}"
[ -n "$cross" ] || cross="$(bash "$here/../../scripts/build-luac-cross.sh")/luac.cross"
mkdir -p "$out/lc"
cp "$here"/*.lua "$out/lc/"
for script in "$here"/*.lua; do
  base=$(basename -- "$script" .lua)
  if ! (cd "$out/lc" && "$cross" -o "$base.lc" "$base.lua"); then
    echo "FAIL $base.lc: luac.cross could not compile it"
    failed=$((failed + 1))
    continue
  fi
  run_and_compare "$base.lc (luac.cross's bytecode)" "${script%.lua}.expected" "$out/lc/$base.lc"
done
echo "numbers32: $passed passed, $failed failed"
[ "$failed" = 0 ]
