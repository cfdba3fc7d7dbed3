#!/usr/bin/env bash
# Checks the layering docs/ARCHITECTURE.md promises, from SwiftPM's own dependency graph
# (`swift package describe --type json`) and the targets' imports:
#   - the core depends on no library (standard library, Softmodule, facade, device, host);
#   - the standard library on no other library, Softmodule not on the device or host;
#   - the device library not on the desktop host;
#   - no target below the commands imports Foundation, and only the host touches the C library
#     directly (Glibc/Darwin/Musl); the portable ones are built with Embedded Swift as well;
#   - the libraries reach no thread, frame or collector field (the auxiliary API instead).
set -euo pipefail
cd "$(dirname "$0")/.."
swift package describe --type json > "${TMPDIR:-/tmp}/flashlua-describe.json"
python3 - "${TMPDIR:-/tmp}/flashlua-describe.json" <<'PY'
import json, os, re, sys

targets = {t["name"]: t for t in json.load(open(sys.argv[1]))["targets"]}
direct = {n: set(t.get("target_dependencies", [])) for n, t in targets.items()}

def closure(name):
    seen, todo = set(), list(direct[name])
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.add(d)
            todo.extend(direct.get(d, ()))
    return seen

libraries = {"FlashLuaStandardLibrary", "FlashLuaSoftmodule", "FlashLua", "FlashLuaNodeMCU", "FlashLuaHost"}
forbidden = {
    "FlashLuaText": libraries | {"FlashLuaCore", "FlashLuaBytecode", "FlashLuaCompiler"},
    "FlashLuaBytecode": libraries | {"FlashLuaCore", "FlashLuaCompiler"},
    "FlashLuaCompiler": libraries | {"FlashLuaCore"},
    "FlashLuaCore": libraries,
    "FlashLuaStandardLibrary": libraries - {"FlashLuaStandardLibrary"},
    "FlashLuaSoftmodule": {"FlashLua", "FlashLuaNodeMCU", "FlashLuaHost"},
    "FlashLua": {"FlashLuaNodeMCU", "FlashLuaHost"},
    "FlashLuaNodeMCU": {"FlashLuaHost"},
}
commands = {n for n, t in targets.items() if t["type"] in ("executable", "test")}
failures = []
for name, bad in forbidden.items():
    if name not in targets:
        failures.append(f"{name}: no such target")
        continue
    wrong = closure(name) & bad
    if wrong:
        failures.append(f"{name} depends on {', '.join(sorted(wrong))}")
for name, t in targets.items():
    if name in commands:
        continue
    for root, _, files in os.walk(t["path"]):
        for f in files:
            if not f.endswith(".swift"):
                continue
            path = os.path.join(root, f)
            for n, line in enumerate(open(path), 1):
                m = re.match(r"\s*(?:@\w+\s+)*import\s+(?:\w+\s+)?(\w+)", line)
                if not m:
                    continue
                module = m.group(1)
                if module == "Foundation" or (module in ("Glibc", "Darwin", "Musl") and name != "FlashLuaHost"):
                    failures.append(f"{path}:{n}: {name} imports {module}")
# The library boundary: libraries use the auxiliary API (Auxiliary/, CollectorControl,
# DebugInterface), never a thread's, frame's or the collector's fields.
internals = re.compile(r"\.body\.pointee|\.ci\.pointee|\.stack\[|\.callInfo\(|\bhot\.pointee|\.top\b|"
                       r"\b(gcBlocked|gcPause|gcThreshold|gcStopped|gcRunning|allObjects|stepMultiplier)\b")
for name in ("FlashLuaStandardLibrary", "FlashLuaSoftmodule", "FlashLua", "FlashLuaNodeMCU"):
    for root, _, files in os.walk(targets[name]["path"]):
        for f in sorted(files):
            if f.endswith(".swift"):
                path = os.path.join(root, f)
                for n, line in enumerate(open(path), 1):
                    code = line.split("//")[0]
                    m = internals.search(code)
                    if m:
                        failures.append(f"{path}:{n}: {name} reaches core internals ({m.group(0)}); use the auxiliary API")
for name in sorted(forbidden):
    print(f"layers: {name} -> {', '.join(sorted(closure(name))) or '(nothing)'}")
if failures:
    print("\n".join("layers: FAIL " + f for f in failures))
    sys.exit(1)
print(f"layers: ok ({len(forbidden)} library targets, {len(targets)} targets in all)")
PY
