#!/usr/bin/env bash
# Records the expected output of every conformance script with the reference
# interpreter, Debian's lua5.3.
#
#   tests/conformance/record.sh            rewrite every <name>.expected
#   tests/conformance/record.sh --check    record into a temp dir and fail
#                                          (exit 1, listing the files) if any
#                                          recording differs from the checked-in one
#   --filter SUBSTRING                     only scripts whose path contains SUBSTRING
#
# Environment: LUA53 (reference binary, default /usr/bin/lua5.3),
#              CONFORMANCE_JOBS (parallel jobs, default: number of CPUs, at least 2).
set -u
here=$(cd "$(dirname -- "$0")" && pwd -P)
. "$here/lib.sh"

check=0 filter=
while [ $# -gt 0 ]; do
  case $1 in
    --check) check=1 ;;
    --filter) shift; filter=${1:-} ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "record.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

ref=${LUA53:-/usr/bin/lua5.3}
if [ ! -x "$ref" ]; then
  if command -v lua5.3 >/dev/null 2>&1 && [ -z "${LUA53:-}" ]; then
    ref=$(command -v lua5.3)
  else
    echo "record.sh: lua5.3 missing, installing it with apt-get" >&2
    SUDO=
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -q lua5.3 >/dev/null 2>&1 ||
      { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q lua5.3 >/dev/null; } ||
      { echo "record.sh: could not install lua5.3" >&2; exit 2; }
    ref=$(command -v lua5.3) || { echo "record.sh: lua5.3 still missing" >&2; exit 2; }
  fi
fi
ref=$(conf_abs_interp "$ref")

# The environment must not change what the interpreter does.
unset LUA_INIT LUA_INIT_5_3 LUA_INIT_5_4 LUA_PATH LUA_PATH_5_3 LUA_PATH_5_4 \
      LUA_CPATH LUA_CPATH_5_3 LUA_CPATH_5_4
export LC_ALL=C

jobs=${CONFORMANCE_JOBS:-$(nproc 2>/dev/null || echo 2)}
[ "$jobs" -lt 2 ] && jobs=2

out=$(mktemp -d "${TMPDIR:-/tmp}/conformance-record.XXXXXX")
trap 'rm -rf "$out"' EXIT

# Produce every recording into $out/<path>.expected in parallel.
conf_list "$here" "$filter" |
  xargs -0 -r -P "$jobs" -I{} bash -c '
    mkdir -p "$(dirname -- "$3/$4")" &&
    bash "$1/lib.sh" produce "$2" "$1/$4" "$3/${4%.lua}.expected"' _ "$here" "$ref" "$out" {}

count=0 differ=()
while IFS= read -r -d '' f; do
  count=$((count + 1))
  exp=${f%.lua}.expected
  if [ $check = 1 ]; then
    if ! cmp -s "$out/$exp" "$here/$exp"; then differ+=("$exp"); fi
  else
    if ! cmp -s "$out/$exp" "$here/$exp"; then
      cp "$out/$exp" "$here/$exp"; differ+=("$exp")
    fi
  fi
done < <(conf_list "$here" "$filter")

if [ $check = 1 ]; then
  # .expected files without a script are stale too
  while IFS= read -r e; do
    [ -f "$here/${e%.expected}.lua" ] || differ+=("$e (no script)")
  done < <(cd "$here" && find . -mindepth 2 -name '*.expected' | sed 's|^\./||' | grep -F -- "$filter" | LC_ALL=C sort)
  if [ ${#differ[@]} -gt 0 ]; then
    echo "record.sh --check: ${#differ[@]} of $count recordings differ from the checked-in ones:"
    for d in "${differ[@]}"; do
      echo "  $d"
      if [ -f "$out/$d" ] && [ -f "$here/$d" ]; then
        diff -u "$here/$d" "$out/$d" | head -n 20 | sed 's/^/    /'
      fi
    done
    exit 1
  fi
  echo "record.sh --check: all $count recordings match ($ref)"
else
  echo "record.sh: recorded $count scripts with $ref (${#differ[@]} changed)"
  for d in "${differ[@]}"; do echo "  $d"; done
fi
