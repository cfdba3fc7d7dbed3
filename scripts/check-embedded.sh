#!/usr/bin/env bash
# Compiles the portable libraries (text, bytecode, compiler, core, standard library, softmodule,
# the embedding facade and the NodeMCU device) with Embedded Swift, the mode the chips need: no reflection, no untyped existentials, no
# Foundation. A failure here means a change used something the microcontroller build cannot have.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/module.modulemap" <<MAP
module CFlashLuaShim {
    header "$PWD/Sources/CFlashLuaShim/include/flashlua_shim.h"
    export *
}
MAP
flags=(-enable-experimental-feature Embedded -wmo -parse-as-library -O -package-name FlashLua
    -Xcc -fmodule-map-file="$out/module.modulemap" -I "$out")
for module in FlashLuaText FlashLuaBytecode FlashLuaCompiler FlashLuaCore FlashLuaStandardLibrary FlashLuaSoftmodule \
    FlashLua FlashLuaNodeMCU; do
    swiftc "${flags[@]}" -module-name "$module" -emit-module -emit-module-path "$out/$module.swiftmodule" \
        -c $(find "Sources/$module" -name '*.swift' | sort) -o "$out/$module.o"
    echo "embedded: $module compiled ($(wc -c < "$out/$module.o") bytes of object code)"
done
