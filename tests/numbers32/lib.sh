#!/usr/bin/env bash
# Shared helpers of the 32-bit number model suite (sourced by record.sh and run.sh).
#
# n32_produce OUTFILE SCRIPT INTERP [ARGS...]
#   Runs `INTERP ARGS... <name>.lua` from the script's folder, stdin from /dev/null, with a
#   timeout of ${NUMBERS32_TIMEOUT:-60} s, and writes OUTFILE as
#       exit: <code>
#       --- stdout
#       <stdout>
#       --- stderr
#       <stderr, "<argv0>: " at the start of a line replaced by "lua: ">
#   Hex addresses become 0xADDR in both streams, so luac.cross's and flashlua's runs compare.
set -u

n32_normalize() { # $1 = file, $2 = argv0 (optional)
  local f=$1 prog=${2:-}
  if [ -n "$prog" ]; then
    local esc_prog esc_base
    esc_prog=$(printf '%s' "$prog" | sed 's/[][\.*^$/|+?(){}]/\\&/g')
    esc_base=$(basename -- "$prog" | sed 's/[][\.*^$/|+?(){}]/\\&/g')
    sed -E -e "s/^(${esc_prog}|${esc_base}): /lua: /" -e 's/0x[0-9a-fA-F]{6,}/0xADDR/g' "$f"
  else
    sed -E -e 's/0x[0-9a-fA-F]{6,}/0xADDR/g' "$f"
  fi
  if [ -s "$f" ] && [ -n "$(tail -c1 "$f")" ]; then echo; fi
}

n32_produce() {
  local out=$1 script=$2 interp=$3
  shift 3
  local dir name tmp code
  dir=$(dirname -- "$script")
  name=$(basename -- "$script")
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/numbers32.XXXXXX")
  (
    cd "$dir" || exit 99
    exec timeout -k 5 "${NUMBERS32_TIMEOUT:-60}" "$interp" "$@" "$name" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
  )
  code=$?
  {
    echo "exit: $code"
    echo "--- stdout"
    n32_normalize "$tmp/stdout"
    echo "--- stderr"
    n32_normalize "$tmp/stderr" "$interp"
  } >"$out"
  rm -rf "$tmp"
}

# Absolute path of a program given as a path or a command name.
n32_abs() {
  case $1 in
    */*) (cd "$(dirname -- "$1")" 2>/dev/null && printf '%s/%s\n' "$(pwd -P)" "$(basename -- "$1")") ;;
    *) command -v -- "$1" ;;
  esac
}

# NodeMCU's luac.cross (32-bit integers and floats): $LUAC_CROSS, else built from
# ../shared/nodemcu by scripts/build-luac-cross.sh (once; later calls reuse it).
n32_luac_cross() {
  if [ -n "${LUAC_CROSS:-}" ]; then n32_abs "$LUAC_CROSS"; return; fi
  local dir
  dir=$(bash "$(dirname -- "${BASH_SOURCE[0]}")/../../scripts/build-luac-cross.sh") || return 1
  printf '%s/luac.cross\n' "$dir"
}
