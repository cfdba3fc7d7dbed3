#!/usr/bin/env bash
# Shared helpers of the conformance suite (sourced by record.sh and run.sh,
# and executed by them as `bash lib.sh produce INTERP SCRIPT OUTFILE` for
# parallel workers).
#
# produce INTERP SCRIPT OUTFILE
#   Runs SCRIPT (a .lua file) with the interpreter INTERP (an absolute path)
#   from the script's own folder, stdin from /dev/null, with a timeout of
#   ${CONFORMANCE_TIMEOUT:-60} seconds, and writes OUTFILE in the .expected
#   format:
#       exit: <code>
#       --- stdout
#       <normalized stdout>
#       --- stderr
#       <normalized stderr>
#   Normalization (identical for recording and for comparing):
#     * every hex address 0x[0-9a-fA-F]+          -> 0xADDR
#     * "<argv0>: " or "<basename argv0>: " at the start of a stderr line
#                                                  -> "lua: "
#     * a missing final newline of a non-empty stream is added.

set -u

conf_normalize() { # $1 = file, $2 = argv0 (optional, for stderr)
  local f=$1 prog=${2:-}
  if [ -n "$prog" ]; then
    local base esc_prog esc_base
    base=$(basename -- "$prog")
    esc_prog=$(printf '%s' "$prog" | sed 's/[][\.*^$/|+?(){}]/\\&/g')
    esc_base=$(printf '%s' "$base" | sed 's/[][\.*^$/|+?(){}]/\\&/g')
    sed -E -e "s/^(${esc_prog}|${esc_base}): /lua: /" -e 's/0x[0-9a-fA-F]+/0xADDR/g' "$f"
  else
    sed -E -e 's/0x[0-9a-fA-F]+/0xADDR/g' "$f"
  fi
  # add a final newline when missing
  if [ -s "$f" ] && [ -n "$(tail -c1 "$f")" ]; then echo; fi
}

conf_produce() { # $1 interp (absolute), $2 script, $3 outfile
  local interp=$1 script=$2 out=$3
  local dir name tmp code
  dir=$(dirname -- "$script")
  name=$(basename -- "$script")
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/conf.XXXXXX")
  (
    cd "$dir" || exit 99
    exec timeout -k 5 "${CONFORMANCE_TIMEOUT:-60}" "$interp" "$name" \
      </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
  )
  code=$?
  {
    echo "exit: $code"
    echo "--- stdout"
    conf_normalize "$tmp/stdout"
    echo "--- stderr"
    conf_normalize "$tmp/stderr" "$interp"
  } >"$out"
  rm -rf "$tmp"
}

# Absolute path of an interpreter given as a path or as a command name.
conf_abs_interp() {
  local i=$1
  case $i in
    */*) (cd "$(dirname -- "$i")" 2>/dev/null && printf '%s/%s\n' "$(pwd -P)" "$(basename -- "$i")") ;;
    *) command -v -- "$i" ;;
  esac
}

# All scripts of the suite, NUL-separated, sorted, relative to the suite root.
conf_list() { # $1 = suite root, $2 = filter substring (may be empty)
  (cd "$1" && find . -mindepth 2 -name '*.lua' -type f | sed 's|^\./||' | LC_ALL=C sort |
     { if [ -n "${2:-}" ]; then grep -F -- "$2"; else cat; fi; } |
     while IFS= read -r f; do
       # helper modules (loaded by require/dofile) live in helpers/ folders
       case $f in */helpers/*) continue ;; esac
       printf '%s\0' "$f"
     done)
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case ${1:-} in
    produce) shift; conf_produce "$@" ;;
    *) echo "usage: lib.sh produce INTERP SCRIPT OUTFILE" >&2; exit 2 ;;
  esac
fi
