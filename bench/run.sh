#!/usr/bin/env bash
# FlashLua benchmark suite: runs every program in bench/programs with flashlua, lua5.3 and lua5.4
# side by side in one hyperfine run, checks that all three print the same output, and prints
# Markdown tables of time ratios (mean wall time) and peak-memory ratios (max RSS).
#
#   bench/run.sh [--quick] [--precompiled] [--rev REV] [--before REV] [--aligned] [--runs N] [--warmup N] [program ...]
#
#   --quick        2 timed runs, no warmup (about 2 minutes instead of about 5-10)
#   --precompiled  compile each program with luac5.3 and run flashlua on the .luac
#                  (lua5.3 and lua5.4 always run the source)
#   --runs N       timed runs per command (default 6; --quick: 2)
#   --warmup N     untimed warmup runs per command (default 1; --quick: 0)
#   --rev REV      build flashlua from commit REV (git archive into .build-bench/rev-src) instead of
#                  the working tree, so other people's uncommitted edits do not affect the build
#   --before REV   also build flashlua at REV and add a column "after/before" (this build / REV's
#                  build): a change's cost. The two alternate run by run (at least 10 each) and
#                  the fastest of each counts, so load drifting on a shared machine hits both
#                  alike. BEFORE=path gives a binary instead.
#   --aligned      build every function 64-byte aligned (both builds, in their own scratch
#                  paths): with --before, the column then measures the change and not where the
#                  linker put the hot loops (docs/PERFORMANCE.md, "Methodology").
#   program ...    only these programs (names without .lua), e.g. `bench/run.sh fib nbody`
#
#   FLASHLUA=path  use this flashlua binary instead of building one. Without it the script runs
#                  `swift build -c release --product flashlua --scratch-path .build-bench`
#                  (its own scratch path, so it does not disturb other builds in .build).
#   TIMEOUT=secs   per-run limit for the correctness/memory run (default 120)
#
# The tables go to stdout and, for a run of all programs, to bench/results/latest.md (raw means
# and max RSS to bench/results/latest.csv). Exit status 1 when some output differed (MISMATCH).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
PROGRAMS_DIR="$BENCH/programs"
RESULTS_DIR="$BENCH/results"

quick=0
precompiled=0
runs=""
warmup=""
rev=""
before_rev=""
selected=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --precompiled) precompiled=1 ;;
        --runs) runs="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --rev) rev="$2"; shift ;;
        --before) before_rev="$2"; shift ;;
        --aligned) export BENCH_ALIGNED=1 ;;
        -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) selected+=("${1%.lua}") ;;
    esac
    shift
done
if [ "$quick" = 1 ]; then
    runs="${runs:-2}"; warmup="${warmup:-0}"
else
    runs="${runs:-6}"; warmup="${warmup:-1}"
fi
TIMEOUT="${TIMEOUT:-120}"
# Alternating runs per build for the after/before column (at least 10: its ratios judge a few percent).
pair_runs=$((runs * 2 > 10 ? runs * 2 : 10))

# ---------------------------------------------------------------- tools
source "$(dirname "$0")/tools.sh"
need_tools run.sh "hyperfine:hyperfine" "lua5.3:lua5.3" "luac5.3:lua5.3" "lua5.4:lua5.4" "/usr/bin/time:time"
if [ "$precompiled" = 1 ] && ! command -v luac5.3 >/dev/null 2>&1; then
    echo "run.sh: --precompiled needs luac5.3" >&2; exit 1
fi
# Peak memory needs GNU time's -v (not the shell keyword, not busybox's time).
have_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then have_time=1; fi

# ---------------------------------------------------------------- flashlua
flashlua_given=0
[ -n "${FLASHLUA:-}" ] && flashlua_given=1
if [ -n "${FLASHLUA:-}" ] && [ -n "$rev" ]; then
    echo "run.sh: give either FLASHLUA or --rev, not both" >&2; exit 2
fi
if [ -z "${FLASHLUA:-}" ]; then
    build_for_bench run.sh "$rev" flashlua
    FLASHLUA="$BENCH_BIN/flashlua"
fi
case "$FLASHLUA" in /*) ;; *) FLASHLUA="$PWD/$FLASHLUA" ;; esac
[ -x "$FLASHLUA" ] || { echo "run.sh: no flashlua binary at $FLASHLUA" >&2; exit 1; }
after_built="${BENCH_BUILT:-}"

# The "before" build shares build_for_bench's revision folder, so it cannot go with --rev.
if [ -n "$before_rev" ] && [ -n "${BEFORE:-}" ]; then
    echo "run.sh: give either BEFORE or --before, not both" >&2; exit 2
fi
if [ -n "$before_rev" ]; then
    [ -z "$rev" ] || { echo "run.sh: --before cannot be combined with --rev (use FLASHLUA= for the after build)" >&2; exit 2; }
    build_for_bench run.sh "$before_rev" flashlua
    BEFORE="$BENCH_BIN/flashlua"
    before_built="$BENCH_BUILT"
elif [ -n "${BEFORE:-}" ]; then
    before_built="binary $BEFORE"
fi
BENCH_BUILT="$after_built"
if [ -n "${BEFORE:-}" ]; then
    case "$BEFORE" in /*) ;; *) BEFORE="$PWD/$BEFORE" ;; esac
    [ -x "$BEFORE" ] || { echo "run.sh: no flashlua binary at $BEFORE" >&2; exit 1; }
    echo "== before: $BEFORE ($before_built)"
fi

# ---------------------------------------------------------------- programs
programs=()
if [ ${#selected[@]} -gt 0 ]; then
    for p in "${selected[@]}"; do
        [ -f "$PROGRAMS_DIR/$p.lua" ] || { echo "run.sh: no program $PROGRAMS_DIR/$p.lua" >&2; exit 2; }
        programs+=("$p")
    done
else
    for f in "$PROGRAMS_DIR"/*.lua; do b="$(basename "$f")"; programs+=("${b%.lua}"); done
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/flashlua-bench.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$RESULTS_DIR"

mode="source"
[ "$precompiled" = 1 ] && mode="precompiled with luac5.3"
echo "== flashlua: $FLASHLUA ($mode)"
echo "== ${#programs[@]} programs, hyperfine: $warmup warmup + $runs runs per command"

# first line of a file, at most 160 characters
first_line() { head -n 1 "$1" 2>/dev/null | cut -c1-160; }
# "Maximum resident set size (kbytes): N" from a GNU time -v report
max_rss_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1" 2>/dev/null; }

declare -A status fl_mean l53_mean l54_mean after_best before_best fl_rss l53_rss l54_rss note
mismatches=0

cd "$PROGRAMS_DIR"
for p in "${programs[@]}"; do
    status[$p]="ok"
    note[$p]=""
    fl_target="$p.lua"
    if [ "$precompiled" = 1 ]; then
        # compile from inside programs/ so chunk names stay "@prog.lua", as for the source runs
        if ! luac5.3 -o "$TMP/$p.luac" "$p.lua" 2>"$TMP/$p.luac.err"; then
            status[$p]="FAIL"; note[$p]="luac5.3: $(first_line "$TMP/$p.luac.err")"
        fi
        fl_target="$TMP/$p.luac"
    fi

    # -- correctness (and peak memory) run: one run of each interpreter
    declare -A rc=()
    for impl in flashlua lua5.3 lua5.4; do
        case "$impl" in
            flashlua) cmd=("$FLASHLUA" "$fl_target") ;;
            *) cmd=("$impl" "$p.lua") ;;
        esac
        [ "$impl" = flashlua ] && [ "${status[$p]}" = FAIL ] && continue
        if [ "$have_time" = 1 ]; then
            timeout "$TIMEOUT" /usr/bin/time -v -o "$TMP/$p.$impl.time" "${cmd[@]}" \
                >"$TMP/$p.$impl.out" 2>"$TMP/$p.$impl.err"
        else
            timeout "$TIMEOUT" "${cmd[@]}" >"$TMP/$p.$impl.out" 2>"$TMP/$p.$impl.err"
        fi
        rc[$impl]=$?
    done
    if [ "${rc[lua5.3]}" != 0 ] || [ "${rc[lua5.4]}" != 0 ] || ! cmp -s "$TMP/$p.lua5.3.out" "$TMP/$p.lua5.4.out"; then
        echo "!! REFERENCE MISMATCH in $p: lua5.3 (exit ${rc[lua5.3]}) and lua5.4 (exit ${rc[lua5.4]}) disagree" >&2
        diff "$TMP/$p.lua5.3.out" "$TMP/$p.lua5.4.out" 2>&1 | head -n 6 >&2
        first_line "$TMP/$p.lua5.3.err" >&2; first_line "$TMP/$p.lua5.4.err" >&2
        note[$p]="reference outputs differ (program bug)"
        mismatches=$((mismatches + 1))
    fi
    if [ "${status[$p]}" = ok ]; then
        if [ "${rc[flashlua]}" = 124 ]; then
            status[$p]="FAIL"; note[$p]="timed out after ${TIMEOUT}s"
        elif [ "${rc[flashlua]}" != 0 ]; then
            status[$p]="FAIL"; note[$p]="exit ${rc[flashlua]}: $(first_line "$TMP/$p.flashlua.err")"
        elif ! cmp -s "$TMP/$p.flashlua.out" "$TMP/$p.lua5.3.out"; then
            status[$p]="MISMATCH"; note[$p]="stdout differs from lua5.3"
            mismatches=$((mismatches + 1))
            echo "!! MISMATCH in $p: flashlua's output differs from lua5.3's (first differences):" >&2
            diff "$TMP/$p.lua5.3.out" "$TMP/$p.flashlua.out" 2>&1 | head -n 8 | cut -c1-160 >&2
        fi
    fi
    if [ "$have_time" = 1 ]; then
        l53_rss[$p]="$(max_rss_kb "$TMP/$p.lua5.3.time")"
        l54_rss[$p]="$(max_rss_kb "$TMP/$p.lua5.4.time")"
        [ "${status[$p]}" = ok ] && fl_rss[$p]="$(max_rss_kb "$TMP/$p.flashlua.time")"
    fi

    # -- timing: the three interpreters in one hyperfine run (only if flashlua ran correctly)
    if [ "${status[$p]}" = ok ]; then
        if hyperfine -N --style none --warmup "$warmup" --runs "$runs" \
                --export-csv "$TMP/$p.csv" \
                -n flashlua "$FLASHLUA $fl_target" -n lua5.3 "lua5.3 $p.lua" -n lua5.4 "lua5.4 $p.lua" \
                >"$TMP/$p.hyperfine.log" 2>&1; then
            # CSV: command,mean,stddev,median,user,system,min,max (seconds)
            fl_mean[$p]="$(awk -F, '$1=="flashlua" {print $2}' "$TMP/$p.csv")"
            l53_mean[$p]="$(awk -F, '$1=="lua5.3" {print $2}' "$TMP/$p.csv")"
            l54_mean[$p]="$(awk -F, '$1=="lua5.4" {print $2}' "$TMP/$p.csv")"
            if [ -n "${BEFORE:-}" ]; then
                # After and before alternate, run by run, so machine load drifting during the
                # run hits both alike; the fastest of each is the least disturbed.
                best_after=""; best_before=""
                for ((i = 0; i < pair_runs; i++)); do
                    for which in after before; do
                        [ $((i % 2)) = 1 ] && which=$([ "$which" = after ] && echo before || echo after)
                        bin="$FLASHLUA"; [ "$which" = before ] && bin="$BEFORE"
                        t0=$(date +%s%N); "$bin" "$fl_target" >/dev/null 2>&1; t1=$(date +%s%N)
                        d=$((t1 - t0))
                        if [ "$which" = after ]; then
                            { [ -z "$best_after" ] || [ "$d" -lt "$best_after" ]; } && best_after=$d
                        else
                            { [ -z "$best_before" ] || [ "$d" -lt "$best_before" ]; } && best_before=$d
                        fi
                    done
                done
                after_best[$p]="$best_after"; before_best[$p]="$best_before"
            fi
        else
            status[$p]="FAIL"; note[$p]="failed during timing: $(grep -m1 -i error "$TMP/$p.hyperfine.log" | cut -c1-160)"
        fi
    fi

    case "${status[$p]}" in
        ok) printf '   %-14s flashlua %6.3fs   lua5.3 %6.3fs   lua5.4 %6.3fs\n' "$p" \
                "${fl_mean[$p]}" "${l53_mean[$p]}" "${l54_mean[$p]}" ;;
        *) printf '   %-14s %s: %s\n' "$p" "${status[$p]}" "${note[$p]}" ;;
    esac
done
cd "$ROOT"

# ---------------------------------------------------------------- tables
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print ""; else printf "%.2f", a / b }'; }
geomean() { awk '{ if ($1 != "") { s += log($1); n++ } } END { if (n) printf "%.2f", exp(s / n) }'; }

out="$TMP/latest.md"
csv="$TMP/latest.csv"
if [ "$flashlua_given" = 1 ]; then
    commit="binary $FLASHLUA, checkout at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
else
    commit="$BENCH_BUILT"
fi
{
    echo "FlashLua $commit ($mode) vs $(lua5.3 -v 2>&1 | awk '{print $1, $2}') and $(lua5.4 -v 2>&1 | awk '{print $1, $2}');"
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), $(nproc 2>/dev/null || echo '?') cores;" \
         "hyperfine $warmup warmup + $runs runs per command. Ratio = mean FlashLua time / mean reference time (lower is better)."
    # With a before build: one more column, this build's fastest run over the before build's,
    # from $pair_runs alternating runs of each (3 places: the changes it judges are a few percent).
    bh=""; bl=""
    if [ -n "${BEFORE:-}" ]; then
        bh=" after/before |"; bl="---:|"
        echo "Before: $before_built; after/before = fastest of $pair_runs runs each, the two builds alternating run by run."
    fi
    echo
    echo "| program | flashlua/lua5.3 | flashlua/lua5.4 |$bh lua5.4 mean (s) |"
    echo "|---|---:|---:|$bl---:|"
    r53s=(); r54s=(); rbs=()
    for p in "${programs[@]}"; do
        bc=""
        if [ "${status[$p]}" = ok ]; then
            r53="$(ratio "${fl_mean[$p]}" "${l53_mean[$p]}")"; r54="$(ratio "${fl_mean[$p]}" "${l54_mean[$p]}")"
            r53s+=("$r53"); r54s+=("$r54")
            if [ -n "${BEFORE:-}" ]; then
                rb="$(awk -v a="${after_best[$p]}" -v b="${before_best[$p]}" 'BEGIN { if (b + 0 > 0) printf "%.3f", a / b }')"
                rbs+=("$rb"); bc=" $rb |"
            fi
            printf '| %s | %s | %s |%s %.3f |\n' "$p" "$r53" "$r54" "$bc" "${l54_mean[$p]}"
        else
            [ -n "${BEFORE:-}" ] && bc=" |"
            echo "| $p | ${status[$p]} | ${status[$p]} |$bc |"
        fi
    done
    bg=""; [ -n "${BEFORE:-}" ] && bg=" **$(printf '%s\n' "${rbs[@]}" | awk '{ if ($1 != "") { s += log($1); n++ } } END { if (n) printf "%.3f", exp(s / n) }')** |"
    echo "| **geometric mean** (${#r53s[@]} of ${#programs[@]}) | **$(printf '%s\n' "${r53s[@]}" | geomean)** | **$(printf '%s\n' "${r54s[@]}" | geomean)** |$bg |"
    if [ "$have_time" = 1 ]; then
        echo
        echo "Peak memory (max RSS of one run, /usr/bin/time -v); ratio = FlashLua / reference."
        echo
        echo "| program | flashlua/lua5.3 | flashlua/lua5.4 | flashlua MB | lua5.3 MB | lua5.4 MB |"
        echo "|---|---:|---:|---:|---:|---:|"
        m53s=(); m54s=()
        for p in "${programs[@]}"; do
            mb53="$(awk -v k="${l53_rss[$p]}" 'BEGIN { if (k != "") printf "%.1f", k / 1024 }')"
            mb54="$(awk -v k="${l54_rss[$p]}" 'BEGIN { if (k != "") printf "%.1f", k / 1024 }')"
            if [ "${status[$p]}" = ok ] && [ -n "${fl_rss[$p]:-}" ]; then
                m53="$(ratio "${fl_rss[$p]}" "${l53_rss[$p]}")"; m54="$(ratio "${fl_rss[$p]}" "${l54_rss[$p]}")"
                m53s+=("$m53"); m54s+=("$m54")
                mbfl="$(awk -v k="${fl_rss[$p]}" 'BEGIN { printf "%.1f", k / 1024 }')"
                echo "| $p | $m53 | $m54 | $mbfl | $mb53 | $mb54 |"
            else
                echo "| $p | ${status[$p]} | ${status[$p]} | | $mb53 | $mb54 |"
            fi
        done
        echo "| **geometric mean** (${#m53s[@]} of ${#programs[@]}) | **$(printf '%s\n' "${m53s[@]}" | geomean)** | **$(printf '%s\n' "${m54s[@]}" | geomean)** | | | |"
    fi
    failed=0
    for p in "${programs[@]}"; do [ "${status[$p]}" = ok ] || failed=1; done
    if [ "$failed" = 1 ]; then
        echo
        echo "Not timed (FlashLua failed or printed different output):"
        echo
        for p in "${programs[@]}"; do
            [ "${status[$p]}" = ok ] || echo "- $p: ${status[$p]} — ${note[$p]}"
        done
    fi
} >"$out"
{
    echo "program,status,flashlua_mean_s,lua53_mean_s,lua54_mean_s,flashlua_maxrss_kb,lua53_maxrss_kb,lua54_maxrss_kb"
    for p in "${programs[@]}"; do
        echo "$p,${status[$p]},${fl_mean[$p]:-},${l53_mean[$p]:-},${l54_mean[$p]:-},${fl_rss[$p]:-},${l53_rss[$p]:-},${l54_rss[$p]:-}"
    done
} >"$csv"
echo
cat "$out"
echo
if [ ${#selected[@]} -eq 0 ] && [ -z "${BEFORE:-}" ]; then
    cp "$out" "$RESULTS_DIR/latest.md"
    cp "$csv" "$RESULTS_DIR/latest.csv"
    echo "== written to bench/results/latest.md and bench/results/latest.csv"
elif [ -n "${BEFORE:-}" ]; then
    cp "$out" "$RESULTS_DIR/before-after.md"
    echo "== a before/after run: written to bench/results/before-after.md (latest.md left unchanged)"
else
    echo "== subset of programs: bench/results/latest.md left unchanged"
fi
if [ "$mismatches" -gt 0 ]; then
    echo "!! $mismatches program(s) printed different output — see MISMATCH above" >&2
fi
[ "$mismatches" -eq 0 ]
