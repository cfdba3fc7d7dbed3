#!/usr/bin/env bash
# Records the expected output of every script in tests/numbers32/ (not chip/, whose expected
# values are worked out from NodeMCU's luaconf.h/llimits.h by hand) with NodeMCU's own
# interpreter: `luac.cross -e script.lua` runs the script with NodeMCU's Lua 5.3 built for the
# ESP8266's number model (32-bit integers, 32-bit floats) on the host.
#
#   tests/numbers32/record.sh           rewrite every <name>.expected
#   tests/numbers32/record.sh --check   record into a temporary folder and fail (exit 1, listing
#                                       the files) where a recording differs from the checked-in one
#
# Environment: LUAC_CROSS (default: built by scripts/build-luac-cross.sh).
set -u
here=$(cd "$(dirname -- "$0")" && pwd -P)
. "$here/lib.sh"

check=0
case ${1:-} in
  --check) check=1 ;;
  "") ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "record.sh: unknown argument: $1" >&2; exit 2 ;;
esac

ref=$(n32_luac_cross) || { echo "record.sh: no luac.cross" >&2; exit 2; }
[ -x "$ref" ] || { echo "record.sh: luac.cross not executable: $ref" >&2; exit 2; }
export LC_ALL=C

out=$(mktemp -d "${TMPDIR:-/tmp}/numbers32-record.XXXXXX")
trap 'rm -rf "$out"' EXIT
status=0 count=0
for script in "$here"/*.lua; do
  name=$(basename -- "$script" .lua)
  n32_produce "$out/$name.expected" "$script" "$ref" -e
  count=$((count + 1))
  if [ "$check" = 1 ]; then
    if ! cmp -s "$out/$name.expected" "$here/$name.expected"; then
      echo "recording differs: $name.expected"
      diff -u "$here/$name.expected" "$out/$name.expected" | head -n 20
      status=1
    fi
  else
    cp "$out/$name.expected" "$here/$name.expected"
  fi
done
if [ "$check" = 1 ]; then
  [ "$status" = 0 ] && echo "numbers32: $count recordings match luac.cross ($ref)"
else
  echo "numbers32: recorded $count scripts with $ref"
fi
exit $status
