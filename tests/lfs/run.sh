#!/usr/bin/env bash
# The LFS command line end to end: `flashluac -f` builds images (module names, .lc inputs,
# duplicate names, syntax errors, -m, -s, --resource, SOURCE_DATE_EPOCH), `flashluac --info
# [--json]` describes them, and `flashlua --lfs IMAGE` runs scripts with them (require,
# --lfs-first, missing and corrupt images).
# Usage: tests/lfs/run.sh path/to/flashluac path/to/flashlua
set -uo pipefail
flashluac=${1:?usage: run.sh path/to/flashluac path/to/flashlua}
flashlua=${2:?usage: run.sh path/to/flashluac path/to/flashlua}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL: $1"
    shift
    for line in "$@"; do echo "  $line"; done
}
expect_eq() {  # name want got
    if [ "$2" == "$3" ]; then ok; else bad "$1" "want: $2" "got:  $3"; fi
}
expect_contains() {  # name text needle
    if [[ "$2" == *"$3"* ]]; then ok; else bad "$1" "missing: $3" "in: $2"; fi
}
expect_status() {  # name want got
    if [ "$2" -eq "$3" ]; then ok; else bad "$1" "exit status $3, wanted $2"; fi
}
expect_absent() {  # name path
    if [ ! -e "$2" ] && [ ! -e "$2.tmp" ]; then ok; else bad "$1" "$2 was written"; fi
}
size_of() { wc -c < "$1" | tr -d ' '; }

# The modules: a.lua (a metatable: the image holds runtime names such as __index), b.lua,
# dir/c.lua, and d.lc compiled from d.lua beforehand.
src="$work/src"
mkdir -p "$src/dir" "$src/other" "$work/empty"
cat > "$src/a.lua" <<'EOF'
local M = {}
M.names = setmetatable({}, { __index = function(_, k) return "name:" .. k end })
function M.hello(who) return "hello " .. who end
return M
EOF
cat > "$src/b.lua" <<'EOF'
return function(x) return x * 2 end
EOF
cat > "$src/dir/c.lua" <<'EOF'
return { name = "c", value = 42, fail = function() local cfg; return cfg.port end }
EOF
cat > "$src/d.lua" <<'EOF'
return "compiled " .. _VERSION
EOF
printf 'local ok = true\nlocal broken = (1 +\nreturn ok\n' > "$src/e.lua"
echo 'return "other a"' > "$src/other/a.lua"
printf '<html><body>served from ROM</body></html>\n' > "$src/page.html"

"$flashluac" -o "$src/d.lc" "$src/d.lua"
status=$?
expect_status "flashluac -o d.lc" 0 $status

# -f with several files, one in a directory, one precompiled.
img="$work/lfs.img"
out=$("$flashluac" -f -o "$img" "$src/a.lua" "$src/b.lua" "$src/dir/c.lua" "$src/d.lc" 2>&1)
status=$?
expect_status "flashluac -f a.lua b.lua dir/c.lua d.lc" 0 $status
expect_eq "flashluac -f prints nothing" "" "$out"
[ -s "$img" ] && ok || bad "the image was written"

script="$work/use.lua"
cat > "$script" <<'EOF'
local a = require "a"
print(a.hello("lfs"), a.names.x, require("b")(21), require("c").value, require("d"))
print(select(2, pcall(require("c").fail)))
print(#node.LFS.list(), table.concat(node.LFS.list(), " "), node.LFS.config.used > 0)
EOF
out=$(cd "$work/empty" && "$flashlua" --lfs "$img" "$script" 2>&1)
status=$?
expect_status "flashlua --lfs runs the script" 0 $status
want=$(printf 'hello lfs\tname:x\t42\t42\tcompiled Lua 5.3\n%s\n4\ta b c d\ttrue' "$src/dir/c.lua:1: attempt to index a nil value (local 'cfg')")
expect_eq "modules required from the image, none from files" "$want" "$out"

# --info: header, modules with sizes, string table, totals.
info=$("$flashluac" --info "$img" 2>&1)
status=$?
expect_status "flashluac --info" 0 $status
for needle in "LFS image $img" "format version 1" "$(size_of "$img") bytes" "ROM string table" "modules: 4" "total"; do
    expect_contains "--info shows '$needle'" "$info" "$needle"
done
for m in a b c d; do
    if grep -Eq "^  $m +[0-9]+$" <<< "$info"; then ok; else bad "--info lists module $m with its size" "$info"; fi
done

json=$("$flashluac" --info --json "$img" 2>&1)
status=$?
expect_status "flashluac --info --json" 0 $status
if command -v python3 > /dev/null 2>&1; then
    checked=$(python3 -c '
import json, sys
d = json.load(sys.stdin)
names = [m["name"] for m in d["modules"]]
assert names == ["a", "b", "c", "d"], names
assert all(m["bytes"] > 0 for m in d["modules"])
assert d["size"] == int(sys.argv[1]) and d["totals"]["imageBytes"] == d["size"]
assert d["totals"]["modules"] == 4 and d["resources"] == [] and d["stripped"] is False
assert d["strings"]["count"] >= d["strings"]["short"] > 0
print("ok")
' "$(size_of "$img")" <<< "$json" 2>&1)
    expect_eq "--json parses and describes the image" "ok" "$checked"
else
    expect_contains "--json names the modules" "$json" '"name": "a"'
fi

# Two files with one base name: an error naming both, nothing written.
dup="$work/dup.img"
out=$("$flashluac" -f -o "$dup" "$src/a.lua" "$src/other/a.lua" 2>&1)
status=$?
expect_status "duplicate module names fail" 1 $status
expect_contains "the error names the first file" "$out" "$src/a.lua"
expect_contains "the error names the second file" "$out" "$src/other/a.lua"
expect_contains "the error names the module" "$out" "module name 'a'"
expect_absent "no image for duplicate names" "$dup"

# A syntax error: file and line, nothing written, an existing output left untouched.
bad_img="$work/bad.img"
out=$("$flashluac" -f -o "$bad_img" "$src/a.lua" "$src/e.lua" 2>&1)
status=$?
expect_status "a syntax error fails" 1 $status
expect_contains "the syntax error names file and line" "$out" "$src/e.lua:3:"
expect_absent "no image after a syntax error" "$bad_img"
cp "$img" "$work/keep.img"
cp "$img" "$work/before.img"
"$flashluac" -f -o "$work/keep.img" "$src/b.lua" "$src/e.lua" > /dev/null 2>&1
status=$?
expect_status "a syntax error over an existing image fails" 1 $status
if cmp -s "$work/keep.img" "$work/before.img" && [ ! -e "$work/keep.img.tmp" ]; then ok; else bad "an existing image is left untouched"; fi

# -m: an image larger than the limit is refused with nothing written; a larger limit is fine.
out=$("$flashluac" -f -m 1000 -o "$work/small.img" "$src/a.lua" "$src/b.lua" 2>&1)
status=$?
expect_status "-m smaller than the image fails" 1 $status
expect_contains "-m says why" "$out" "larger than the -m limit of 1000 bytes"
expect_absent "no image over the -m limit" "$work/small.img"
"$flashluac" -f -m 1m -o "$work/big-enough.img" "$src/a.lua" "$src/b.lua" > /dev/null 2>&1
status=$?
expect_status "-m larger than the image is fine" 0 $status
out=$("$flashluac" -f -m lots -o "$work/x.img" "$src/a.lua" 2>&1)
status=$?
expect_status "-m needs a size" 1 $status

# Reproducible: SOURCE_DATE_EPOCH fixes the build time, so two builds are byte-identical.
SOURCE_DATE_EPOCH=1700000000 "$flashluac" -f -o "$work/r1.img" "$src/a.lua" "$src/b.lua" "$src/dir/c.lua" "$src/d.lc"
sleep 1
SOURCE_DATE_EPOCH=1700000000 "$flashluac" -f -o "$work/r2.img" "$src/a.lua" "$src/b.lua" "$src/dir/c.lua" "$src/d.lc"
if cmp -s "$work/r1.img" "$work/r2.img"; then ok; else bad "SOURCE_DATE_EPOCH gives byte-identical images"; fi
out=$(cd "$work/empty" && "$flashlua" --lfs "$work/r1.img" -e 'print(node.LFS.time, (node.flashindex()))' 2>&1)
expect_eq "the build time is SOURCE_DATE_EPOCH" "$(printf '1700000000\t1700000000')" "$out"
SOURCE_DATE_EPOCH=1700000001 "$flashluac" -f -o "$work/r3.img" "$src/a.lua" "$src/b.lua" "$src/dir/c.lua" "$src/d.lc"
if ! cmp -s "$work/r1.img" "$work/r3.img" && [ "$(size_of "$work/r1.img")" == "$(size_of "$work/r3.img")" ]; then
    ok
else
    bad "another build time changes the bytes, not the size"
fi

# -s strips debug information: a smaller image, errors without lines.
"$flashluac" -f -s -o "$work/stripped.img" "$src/a.lua" "$src/b.lua" "$src/dir/c.lua" "$src/d.lc"
if [ "$(size_of "$work/stripped.img")" -lt "$(size_of "$img")" ]; then ok; else bad "-s makes a smaller image"; fi
out=$(cd "$work/empty" && "$flashlua" --lfs "$work/stripped.img" -e 'print(select(2, pcall(require("c").fail)))' 2>&1)
expect_eq "a stripped module's error has no line" "?:-1: attempt to index a nil value" "$out"
expect_contains "--info says stripped" "$("$flashluac" --info "$work/stripped.img")" "debug information stripped"

# --resource: a file's bytes as a ROM string.
"$flashluac" -f -o "$work/res.img" --resource page="$src/page.html" "$src/a.lua"
status=$?
expect_status "--resource" 0 $status
out=$(cd "$work/empty" && "$flashlua" --lfs "$work/res.img" -e 'io.write(node.LFS.resource("page")); print(node.LFS.resource("nope"))' 2>&1)
expect_eq "the resource reads back" "$(cat "$src/page.html"; echo nil)" "$out"
info=$("$flashluac" --info "$work/res.img")
if grep -Eq "^  page +$(size_of "$src/page.html")$" <<< "$info"; then ok; else bad "--info lists the resource with its size" "$info"; fi
out=$("$flashluac" -f -o "$work/nores.img" --resource page="$work/missing.html" "$src/a.lua" 2>&1)
status=$?
expect_status "a missing resource file fails" 1 $status
expect_contains "a missing resource is named" "$out" "$work/missing.html"
expect_absent "no image without its resource" "$work/nores.img"

# The searcher order: a file module wins unless --lfs-first.
cp "$src/other/a.lua" "$work/a.lua"
out=$(cd "$work" && "$flashlua" --lfs "$img" -e 'local a = require "a"; print(type(a) == "string" and a or a.hello("image"))' 2>&1)
expect_eq "the file searcher comes first by default" "other a" "$out"
out=$(cd "$work" && "$flashlua" --lfs "$img" --lfs-first -e 'local a = require "a"; print(type(a) == "string" and a or a.hello("image"))' 2>&1)
expect_eq "--lfs-first puts the image first" "hello image" "$out"
rm "$work/a.lua"

# A missing image and corrupt ones: a clear error and exit status 1, never a crash.
out=$("$flashlua" --lfs "$work/missing.img" "$script" 2>&1)
status=$?
expect_status "a missing image exits with 1" 1 $status
expect_contains "a missing image: cannot open" "$out" "$work/missing.img: cannot open LFS image"
cp "$img" "$work/flipped.img"
printf '\x55' | dd of="$work/flipped.img" bs=1 seek=$(($(size_of "$img") / 2)) conv=notrunc 2> /dev/null
out=$("$flashlua" --lfs "$work/flipped.img" "$script" 2>&1)
status=$?
expect_status "a corrupt image exits with 1" 1 $status
expect_contains "a corrupt image: checksum mismatch" "$out" "$work/flipped.img: checksum mismatch"
head -c 200 "$img" > "$work/truncated.img"
out=$("$flashlua" --lfs "$work/truncated.img" "$script" 2>&1)
status=$?
expect_status "a truncated image exits with 1" 1 $status
expect_contains "a truncated image says so" "$out" "image is 200 bytes but its header says $(size_of "$img") (truncated or padded)"
cp "$script" "$work/not-an-image.img"
out=$("$flashlua" --lfs "$work/not-an-image.img" "$script" 2>&1)
status=$?
expect_status "a Lua file as an image exits with 1" 1 $status
expect_contains "a Lua file is not an image" "$out" "not an LFS image"
: > "$work/empty.img"
out=$("$flashlua" --lfs "$work/empty.img" "$script" 2>&1)
status=$?
expect_status "an empty image exits with 1" 1 $status
expect_contains "an empty file is not an image" "$out" "empty file"
out=$("$flashluac" --info "$work/flipped.img" 2>&1)
status=$?
expect_status "--info of a corrupt image exits with 1" 1 $status
expect_contains "--info reports the corruption" "$out" "checksum mismatch"

echo "lfs cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
