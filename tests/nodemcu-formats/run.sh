#!/usr/bin/env bash
# flashluac's NodeMCU formats against NodeMCU's own luac.cross (built from ../shared/nodemcu by
# scripts/build-luac-cross.sh, both number models):
#  - every .lua file under lua_modules/ and lua_examples/ (recursive): the .lc (format 10) must be
#    byte-identical to luac.cross's, 32-bit and 64-bit model, with and without -s, and the
#    independent decoder (decode.py) must read both the same;
#  - LFS images (format 11): all lua_modules files in one image, each lua_examples file alone,
#    and groups (each lua_examples folder, lua_modules by folder with -s and 64-bit), compared
#    byte for byte after normalizing the seed (luac.cross's is random: decode.py --normalize sets
#    it to 0 in both), flashluac run with SOURCE_DATE_EPOCH = luac.cross's timestamp;
#  - several files in one .lc (luac.cross's combine type 0), per folder;
#  - FlashLua's readers take luac.cross's output: each .lc read and written again is identical,
#    each image passes `flashluac --info` (the validating reader) with all its modules;
#  - the size flashluac says an image takes in the chip's flash (what -m is checked against) is
#    the size NodeMCU's own loader writes (luac.cross.m32 -F image -a addr: the i386 build, whose
#    layout is the ESP8266's);
#  - random constant expressions at the number models' edges (folding.py) compile identically;
#  - loaded by NodeMCU's loader, each of flashluac's images holds the strings it says (flash.py),
#    including the fixed strings luac.cross refers to wrongly ("thread", "proto");
#  - files luac.cross rejects must be rejected by flashluac with the same message;
#  - invoked through a symlink named luac.cross, flashluac takes luac.cross's defaults.
# Usage: tests/nodemcu-formats/run.sh path/to/flashluac     (NODEMCU=dir for another tree)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
flashluac="$(cd "$(dirname "${1:?usage: run.sh path/to/flashluac}")" && pwd)/$(basename "$1")"
nodemcu="${NODEMCU:-$root/../shared/nodemcu}"
bin="$(bash "$root/scripts/build-luac-cross.sh" | tail -n 1)" || exit 1
decode="python3 $here/decode.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# Relative paths in a copy, so both compilers see the same source names.
mkdir -p "$work/src"
(cd "$nodemcu" && find lua_modules lua_examples -name '*.lua' | sort) > "$work/files"
while IFS= read -r f; do
    mkdir -p "$work/src/$(dirname "$f")"
    cp "$nodemcu/$f" "$work/src/$f"
done < "$work/files"
cp -R "$here/rejects" "$work/src/rejects"
cd "$work/src"
rejected=0
images_identical=0

models=("luac.cross --nodemcu" "luac.cross.64 --number-64bits")

# Compares one luac.cross run with flashluac's on the same arguments; $1 model index, $2 label,
# $3 "image" or "lc", rest: arguments.
compare() {
    local model=${models[$1]} label=$2 kind=$3
    shift 3
    local cross=${model%% *} flag=${model#* }
    rm -f "$work/want" "$work/got"
    if ! "$bin/$cross" -o "$work/want" "$@" 2>"$work/want.err"; then
        if "$flashluac" $flag -o "$work/got" "$@" 2>"$work/got.err"; then
            bad "$label: luac.cross rejects ($(cat "$work/want.err")), flashluac accepts"
        elif [ "$(sed 's/^[^:]*: //' "$work/want.err")" == "$(sed 's/^[^:]*: //' "$work/got.err")" ]; then
            ok
            rejected=$((rejected + 1))
        else
            bad "$label: different errors: luac.cross: $(cat "$work/want.err") flashluac: $(cat "$work/got.err")"
        fi
        return
    fi
    if [ "$kind" == image ]; then
        local ts
        ts=$($decode --timestamp "$work/want") || { bad "$label: decode.py cannot read luac.cross's image"; return; }
        SOURCE_DATE_EPOCH=$ts "$flashluac" $flag -o "$work/got" "$@" 2>"$work/got.err" || {
            bad "$label: flashluac fails: $(cat "$work/got.err")"
            return
        }
        $decode --normalize "$work/want" "$work/want.n" && $decode --normalize "$work/got" "$work/got.n"
    else
        "$flashluac" $flag -o "$work/got" "$@" 2>"$work/got.err" || { bad "$label: flashluac fails: $(cat "$work/got.err")"; return; }
        cp "$work/want" "$work/want.n"
        cp "$work/got" "$work/got.n"
    fi
    if ! $decode "$work/want.n" > "$work/want.txt"; then
        bad "$label: decode.py cannot read luac.cross's output"
        return
    fi
    $decode "$work/got.n" > "$work/got.txt" 2>&1
    if cmp -s "$work/want.n" "$work/got.n" && cmp -s "$work/want.txt" "$work/got.txt"; then
        ok
        if [ "$kind" == image ]; then
            images_identical=$((images_identical + 1))
            # FlashLua's reader (what node.LFS.reload uses) must accept luac.cross's image whole.
            local modules_in
            modules_in=$(grep -c '^function module[0-9]* ' "$work/want.txt")
            if "$flashluac" --info "$work/want" > "$work/info" 2>&1 && grep -q "modules: $modules_in\$" "$work/info"; then
                ok
            else
                bad "$label: flashluac --info does not read luac.cross's image: $(head -n 3 "$work/info")"
            fi
            # The flash the chip fills: NodeMCU's loader in the i386 build (the ESP's layout)
            # writes it out with -a; flashluac's expansion (checked against -m) must be that size.
            local expanded chip
            expanded=$(sed -n 's/.*bytes in the file, \([0-9]*\) bytes once.*/\1/p' "$work/info")
            rm -f "$work/flash"
            "$bin/${cross/luac.cross/luac.cross.m32}" -F "$work/got" -a 0x40280000 -o "$work/flash" >/dev/null 2>&1
            chip=$(wc -c < "$work/flash" 2>/dev/null || echo none)
            if [ "$chip" == "$expanded" ]; then
                ok
            else
                bad "$label: flashluac expands the image to ${expanded:-?} bytes, NodeMCU's loader to $chip"
            fi
            # And in that flash every module's string constants are the image's.
            if python3 "$here/flash.py" "$work/flash" "$work/got" > "$work/flash.txt"; then
                ok
            else
                bad "$label: the chip's flash holds other strings: $(cat "$work/flash.txt")"
            fi
            echo "$label: $(wc -c < "$work/want") bytes, $expanded in the chip's flash (NodeMCU's loader: $chip)" >> "$work/sizes"
        else
            # FlashLua's reader then writer give luac.cross's .lc back, byte for byte.
            local strip_flag=""
            [[ " $* " == *" -s "* ]] && strip_flag=-s
            if "$flashluac" $flag $strip_flag -o "$work/again" "$work/want" 2>"$work/again.err" && cmp -s "$work/want" "$work/again"; then
                ok
            else
                bad "$label: luac.cross's .lc read and written again differs: $(cat "$work/again.err")"
            fi
        fi
    else
        bad "$label: output differs; decoded diff (luac.cross < > flashluac):"
        diff "$work/want.txt" "$work/got.txt" | head -n 20
    fi
}

echo "-- .lc (format 10): $(wc -l < "$work/files") files x 2 models x (plain, -s)"
lc_before=$pass
while IFS= read -r f; do
    for m in 0 1; do
        compare $m "${models[$m]%% *} $f" lc "$f"
        compare $m "${models[$m]%% *} -s $f" lc -s "$f"
    done
done < "$work/files"
echo "   passed: $((pass - lc_before)) (identical output, and luac.cross's read back identically)"

echo "-- LFS images (format 11)"
modules=$(grep '^lua_modules/' "$work/files")
for m in 0 1; do
    # shellcheck disable=SC2086
    compare $m "${models[$m]%% *} -f all lua_modules" image -f $modules
    compare $m "${models[$m]%% *} -f -s all lua_modules" image -f -s $modules
done
while IFS= read -r f; do
    compare 0 "luac.cross -f $f" image -f "$f"
done < <(grep '^lua_examples/' "$work/files")
for dir in $(cut -d/ -f1-2 "$work/files" | sort -u); do
    group=$(grep "^$dir/" "$work/files")
    [ "$(echo "$group" | wc -l)" -gt 1 ] || continue
    # shellcheck disable=SC2086
    compare 0 "luac.cross -f $dir/*" image -f $group
    # shellcheck disable=SC2086
    compare 1 "luac.cross.64 -f -s $dir/*" image -f -s $group
    # Several files without -f: combine type 0 (a main holding the protos), and -i (type 1).
    # shellcheck disable=SC2086
    compare 0 "luac.cross $dir/* (combined .lc)" lc $group
    # shellcheck disable=SC2086
    compare 1 "luac.cross.64 -s $dir/* (combined .lc)" lc -s $group
done
echo "   identical after seed normalization: $images_identical images; sizes (luac.cross = flashluac):"
grep 'all lua_modules' "$work/sizes" | sed 's/^/     /'

echo "-- constant folding at the models' edges: 4 files of 400 random constant expressions (folding.py)"
mkdir -p folding
python3 "$here/folding.py" folding 4 400
folding_before=$pass
for f in folding/*.lua; do
    for m in 0 1; do compare $m "${models[$m]%% *} $f" lc "$f"; done
done
echo "   passed: $((pass - folding_before))"

echo "-- fixed strings after the chip's second \"userdata\" (\"thread\", \"proto\")"
# luac.cross numbers the fixed strings as a set; NodeMCU's loader stores "userdata" twice, so its
# images' references to "thread" and "proto" load as "userdata" and "thread". flashluac refers to
# them where the chip stores them: loaded by NodeMCU's loader, the constants are the source's.
cp "$here/fixed-strings.lua" typenames.lua
"$bin/luac.cross" -f -o "$work/want" typenames.lua
SOURCE_DATE_EPOCH=$($decode --timestamp "$work/want") "$flashluac" --nodemcu -f -o "$work/got" typenames.lua
for who in want got; do
    "$bin/luac.cross.m32" -F "$work/$who" -a 0x40280000 -o "$work/$who.flash" >/dev/null 2>&1
done
strings_of() { $decode "$1" | sed -n "s/^  k[0-9]* = short string //p" | tr '\n' ' '; }
if python3 "$here/flash.py" "$work/got.flash" "$work/got" && [ "$(strings_of "$work/got")" == "'thread' 'proto' 'userdata' " ]; then
    ok
else
    bad "flashluac's image does not load \"thread\", \"proto\", \"userdata\" on the chip: $(strings_of "$work/got")"
fi
python3 "$here/flash.py" "$work/want.flash" "$work/want" || bad "decode.py does not read luac.cross's image as its loader does"
echo "   luac.cross's image loads as: $(strings_of "$work/want")"
echo "   flashluac's image loads as:  $(strings_of "$work/got")"

echo "-- rejected inputs (same message as luac.cross)"
for f in rejects/*.lua; do
    for m in 0 1; do compare $m "${models[$m]%% *} $f" lc "$f"; done
done
compare 0 "luac.cross -f duplicate names" image -f rejects/a/same.lua rejects/b/same.lua
echo "   rejected by both with the same message: $rejected"

echo "-- invoked as luac.cross"
ln -s "$flashluac" "$work/luac.cross"
first=$(head -n 1 "$work/files")
rm -f luac.cross.out
"$bin/luac.cross" "$first" && mv luac.cross.out "$work/want"
"$work/luac.cross" "$first" && cmp -s luac.cross.out "$work/want" && ok || bad "luac.cross-named flashluac: default output"
"$work/luac.cross" -e x.lua 2>"$work/err"
grep -q "not supported by flashluac" "$work/err" && ok || bad "luac.cross-named flashluac: -e message"
"$bin/luac.cross" -f -o "$work/want" "$first"
ts=$($decode --timestamp "$work/want")
SOURCE_DATE_EPOCH=$ts "$work/luac.cross" -f -o "$work/got" "$first"
$decode --normalize "$work/want" "$work/want.n" && $decode --normalize "$work/got" "$work/got.n"
cmp -s "$work/want.n" "$work/got.n" && ok || bad "luac.cross-named flashluac: -f image"

echo "nodemcu formats: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
