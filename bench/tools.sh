# Sourced by the bench scripts: install what is missing (via apt-get), then insist on it.
#   need_tools SCRIPT_NAME "command:package" ...
need_tools() {
    local script="$1"; shift
    local missing=() spec
    for spec in "$@"; do
        if [ "${spec%%:*}" = /usr/bin/time ]; then [ -x /usr/bin/time ] && continue
        else command -v "${spec%%:*}" >/dev/null 2>&1 && continue; fi
        missing+=("${spec##*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing ${missing[*]}"
        local sudo=""
        [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
        ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}") \
            >/dev/null 2>&1 || echo "$script: warning: apt-get install ${missing[*]} failed" >&2
    fi
    for spec in "$@"; do
        if [ "${spec%%:*}" = /usr/bin/time ]; then [ -x /usr/bin/time ] && continue
        else command -v "${spec%%:*}" >/dev/null 2>&1 && continue; fi
        echo "$script: ${spec%%:*} is required" >&2; exit 1
    done
}

# Builds release binaries for a bench script: from the working tree (scratch path .build-bench),
# or with a REV from that commit alone (git archive into .build-bench/rev-src, built in
# .build-bench/rev-build; re-extracted only for another commit, so rebuilds stay incremental),
# untouched by uncommitted work in the checkout. Sets BENCH_BIN (the binaries' directory) and
# BENCH_BUILT (the commit, "+uncommitted" when the working tree's sources differ from it).
# With BENCH_ALIGNED=1 every function starts on a 64-byte boundary (LLVM's -align-all-functions=6,
# scratch paths with "-aligned"): on the AMD EPYC benchmark machine the same machine code ran up
# to 15% slower or faster with its start address mod 64, so comparing two builds at the default
# 16-byte alignment measures where the linker happened to put the interpreter loop.
#   build_for_bench SCRIPT_NAME REV PRODUCT...
build_for_bench() {
    local script="$1" rev="$2" root pkg scratch sha product
    shift 2
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    pkg="$root"
    scratch="$root/.build-bench"
    BENCH_BUILT="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [ -n "$rev" ]; then
        sha="$(git -C "$root" rev-parse --verify --short "$rev^{commit}" 2>/dev/null)" \
            || { echo "$script: unknown revision $rev" >&2; exit 2; }
        pkg="$root/.build-bench/rev-src"
        scratch="$root/.build-bench/rev-build"
        if [ "$(cat "$pkg/.bench-rev" 2>/dev/null)" != "$sha" ]; then
            rm -rf "$pkg" && mkdir -p "$pkg"
            git -C "$root" archive "$sha" | tar -x -C "$pkg" || { echo "$script: git archive $rev failed" >&2; exit 1; }
            echo "$sha" >"$pkg/.bench-rev"
        fi
        BENCH_BUILT="$sha"
    elif [ -n "$(git -C "$root" status --porcelain -- Sources Package.swift 2>/dev/null | head -n 1)" ]; then
        BENCH_BUILT="$BENCH_BUILT+uncommitted"
    fi
    local align=()
    if [ "${BENCH_ALIGNED:-0}" = 1 ]; then
        align=(-Xswiftc -Xllvm -Xswiftc -align-all-functions=6)
        scratch="$scratch-aligned"
        BENCH_BUILT="$BENCH_BUILT, functions 64-byte aligned"
    fi
    for product in "$@"; do
        echo "== building $product at $BENCH_BUILT (release, scratch path ${scratch#"$root"/})"
        if ! (swift build --package-path "$pkg" -c release --product "$product" --scratch-path "$scratch" "${align[@]}" 2>&1 | tail -n 2; exit "${PIPESTATUS[0]}"); then
            echo "$script: swift build failed (give existing binaries in the environment, or use --rev HEAD)" >&2
            exit 1
        fi
    done
    BENCH_BIN="$(swift build --package-path "$pkg" -c release --scratch-path "$scratch" "${align[@]}" --show-bin-path)"
}

# Report helpers: the median of numbers on stdin; A / B to two places ("?" when either is
# missing or B is 0); a number with its digits grouped by commas (12,345).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "?"; else printf "%.2f", a / b }'; }
group() { awk -v n="$1" 'BEGIN { neg = n < 0; if (neg) n = -n; s = sprintf("%d", n); out = ""; while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) } print (neg ? "-" : "") s out }'; }
