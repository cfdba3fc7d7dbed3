#!/usr/bin/env bash
# Runs the conformance suite with an interpreter and compares with the
# recordings made by lua5.3 (<name>.expected beside each <name>.lua).
#
#   tests/conformance/run.sh [--filter SUBSTRING] <interpreter-binary>
#
# Each script runs as `cd <script folder> && <interpreter> <name>.lua`,
# stdin from /dev/null, with a timeout of 60 s (CONFORMANCE_TIMEOUT).
# For every failure it prints the script name and the first lines of a
# unified diff; full diffs and actual outputs go to $CONFORMANCE_OUT
# (default /tmp/conformance-out). The last line is `N passed, N failed`;
# the exit status is 1 when anything failed.
# CONFORMANCE_JOBS sets the number of parallel jobs (default: CPUs, at least 2).
set -u
here=$(cd "$(dirname -- "$0")" && pwd -P)
. "$here/lib.sh"

filter= interp=
while [ $# -gt 0 ]; do
  case $1 in
    --filter) shift; filter=${1:-} ;;
    --filter=*) filter=${1#--filter=} ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) if [ -n "$interp" ]; then echo "run.sh: unexpected argument: $1" >&2; exit 2; fi
       interp=$1 ;;
  esac
  shift
done
if [ -z "$interp" ]; then
  echo "usage: run.sh [--filter SUBSTRING] <interpreter-binary>" >&2; exit 2
fi
abs=$(conf_abs_interp "$interp") || abs=
if [ -z "$abs" ] || [ ! -x "$abs" ]; then
  echo "run.sh: interpreter not found or not executable: $interp" >&2; exit 2
fi

unset LUA_INIT LUA_INIT_5_3 LUA_INIT_5_4 LUA_PATH LUA_PATH_5_3 LUA_PATH_5_4 \
      LUA_CPATH LUA_CPATH_5_3 LUA_CPATH_5_4
export LC_ALL=C

jobs=${CONFORMANCE_JOBS:-$(nproc 2>/dev/null || echo 2)}
[ "$jobs" -lt 2 ] && jobs=2

outdir=${CONFORMANCE_OUT:-/tmp/conformance-out}
rm -rf "$outdir/actual" "$outdir/diffs"
mkdir -p "$outdir/actual" "$outdir/diffs"

conf_list "$here" "$filter" |
  xargs -0 -r -P "$jobs" -I{} bash -c '
    mkdir -p "$(dirname -- "$3/actual/$4")" &&
    bash "$1/lib.sh" produce "$2" "$1/$4" "$3/actual/${4%.lua}.out"' _ "$here" "$abs" "$outdir" {}

passed=0 failed=0 failures=()
while IFS= read -r -d '' f; do
  exp=$here/${f%.lua}.expected
  act=$outdir/actual/${f%.lua}.out
  if [ -f "$exp" ] && cmp -s "$exp" "$act"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); failures+=("$f")
    d=$outdir/diffs/${f%.lua}.diff
    mkdir -p "$(dirname -- "$d")"
    if [ -f "$exp" ]; then
      diff -u --label "expected/${f%.lua}.expected" --label "actual/${f%.lua}" "$exp" "$act" >"$d"
    else
      echo "missing ${f%.lua}.expected (run record.sh)" >"$d"
    fi
  fi
done < <(conf_list "$here" "$filter")

if [ $failed -gt 0 ]; then
  for f in "${failures[@]}"; do
    d=$outdir/diffs/${f%.lua}.diff
    echo "FAIL: $f"
    n=$(wc -l <"$d")
    head -n 30 "$d" | sed 's/^/    /'
    [ "$n" -gt 30 ] && echo "    ... ($((n - 30)) more lines in $d)"
  done
  echo "full diffs in $outdir/diffs"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
