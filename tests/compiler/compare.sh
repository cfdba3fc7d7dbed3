#!/usr/bin/env bash
# Differential check of the compiler against luac5.3:
#  - every Lua file under tests/ and bench/ (except errors/) must compile to a binary chunk
#    byte-identical to `luac5.3`'s, with and without -s;
#  - every file in tests/compiler/errors must fail with the same message as `luac5.3 -p`.
# Usage: tests/compiler/compare.sh path/to/flashluac
set -uo pipefail
cd "$(dirname "$0")/../.."
flashluac=${1:?usage: compare.sh path/to/flashluac}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
while IFS= read -r f; do
    for strip in "" "-s"; do
        luac5.3 $strip -o "$work/want" "$f" 2>/dev/null || continue
        if "$flashluac" $strip -o "$work/got" "$f" >/dev/null 2>&1 && cmp -s "$work/want" "$work/got"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "DIFFERENT CODE ($strip): $f"
        fi
    done
done < <(find tests bench -name '*.lua' -not -path 'tests/compiler/errors/*' | sort)
for f in tests/compiler/errors/*.lua; do
    want=$(luac5.3 -p "$f" 2>&1 | sed 's/^luac5.3: //')
    got=$("$flashluac" -p "$f" 2>&1 | sed 's/^flashluac: //')
    if [ -n "$want" ] && [ "$want" == "$got" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "DIFFERENT ERROR: $f"
        echo "  luac5.3:   $want"
        echo "  flashluac: $got"
    fi
done
echo "compiler vs luac5.3: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
