#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer (LeakSanitizer included) and runs
# each: the CSV reader, the YAML readers, the scenario loader with its cross-file checks, and the
# roster/ledger reader (Fuzz/README.md). `make fuzz` runs it.
#
# Environment:
#   FUZZ_RUNS=N        executions per target (default 1000000; empty for no limit)
#   FUZZ_SECONDS=S     at most S seconds per target (default none; CI uses 60)
#   FUZZ_TARGETS="…"   which targets (default: csv yaml scenario roster)
#   FUZZ_JOBS=J        targets run at once (default 1)
#   SCRATCH=path       SwiftPM scratch folder (default .build-fuzz: the flags differ from a normal build)
# Every target runs with -timeout=1 (an input taking over 1 s is a failure) and -rss_limit_mb=2048.
# The working corpus grows in $SCRATCH/corpus/TARGET (seeded from Fuzz/Corpus/TARGET, which is not
# changed); crashes, leaks and timeouts are written to $SCRATCH/artifacts/. A finding belongs in
# Fuzz/Regressions/TARGET/ once fixed: the tests replay that folder.
# Exit status: 0 no finding; 1 a target found a crash, trap, leak or slow input; 3 the build failed.
set -uo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-fuzz}
FUZZ_RUNS=${FUZZ_RUNS-1000000}
FUZZ_SECONDS=${FUZZ_SECONDS:-}
FUZZ_TARGETS=${FUZZ_TARGETS:-csv yaml scenario roster}
FUZZ_JOBS=${FUZZ_JOBS:-1}

# -sanitize=fuzzer instruments the Swift code for coverage and links libFuzzer; the C code (libyaml
# inside Yams) is instrumented through -Xcc. SwiftPM gives the executable its own main, which starts
# libFuzzer's driver (Fuzz/Targets/*/Fuzz*.swift). gold crashes linking these, so lld links them.
FLAGS=(-c release --scratch-path "$SCRATCH"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address
       -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
for t in $FUZZ_TARGETS; do
    echo "fuzz: building fuzz-$t"
    mkdir -p "$SCRATCH"
    if ! swift build "${FLAGS[@]}" --product "fuzz-$t" >"$SCRATCH/build-$t.log" 2>&1; then
        grep -E "error" "$SCRATCH/build-$t.log" | head -n 20 >&2
        echo "fuzz: the build of fuzz-$t failed (log $SCRATCH/build-$t.log)" >&2
        exit 3
    fi
done
BIN=$(swift build "${FLAGS[@]}" --show-bin-path)
mkdir -p "$SCRATCH/artifacts" "$SCRATCH/logs"

# Longest input per target: the scenario bundles of the seeds run to 4 KB (the whole demo 26 KB).
declare -A MAXLEN=([csv]=8192 [yaml]=8192 [scenario]=8192 [roster]=8192)

run_one() {
    local t=$1
    local corpus="$SCRATCH/corpus/$t"
    mkdir -p "$corpus" "Fuzz/Regressions/$t"
    rm -f "$SCRATCH/artifacts/$t-"*   # a finding of an earlier run is not this run's
    local args=("$corpus" "Fuzz/Corpus/$t" "Fuzz/Regressions/$t" -timeout=1 -rss_limit_mb=2048 "-max_len=${MAXLEN[$t]}"
                "-artifact_prefix=$SCRATCH/artifacts/$t-" -print_final_stats=1)
    [ -n "$FUZZ_RUNS" ] && args+=("-runs=$FUZZ_RUNS")
    [ -n "$FUZZ_SECONDS" ] && args+=("-max_total_time=$FUZZ_SECONDS")
    # The corpus folders after the first are read, not written: new inputs go into $corpus.
    # SWIFT_BACKTRACE: a failed check (fatalError) is left to libFuzzer's handler, which writes the
    # input; Swift's own backtracer, reading the stack of the dying process, trips ASan instead.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=10} \
        "$BIN/fuzz-$t" "${args[@]}" >"$SCRATCH/logs/$t.log" 2>&1
    echo $? >"$SCRATCH/logs/$t.status"
}

started=$(date +%s)
running=0
for t in $FUZZ_TARGETS; do
    echo "fuzz: running fuzz-$t (${FUZZ_RUNS:-unlimited} runs${FUZZ_SECONDS:+, at most $FUZZ_SECONDS s}; log $SCRATCH/logs/$t.log)"
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$FUZZ_JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait

failed=0
printf '%-10s %12s %10s %8s %8s %8s %8s  %s\n' target executions exec/s cov features seconds "rss MB" result
for t in $FUZZ_TARGETS; do
    log="$SCRATCH/logs/$t.log"
    status=$(cat "$SCRATCH/logs/$t.status" 2>/dev/null || echo 9)
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
    speed=$(grep -oE '^stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
    rss=$(grep -oE '^stat::peak_rss_mb: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
    secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE 'in [0-9]+' | grep -oE '[0-9]+' || true)
    last=$(grep -E '#[0-9]+\s+(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1)
    cov=$(echo "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || true)
    ft=$(echo "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+' || true)
    if [ "$status" -eq 0 ]; then result=ok; else
        result="FOUND: $(grep -m1 -oE 'ERROR: [A-Za-z]+: [^ ]+( [^ ]+)?|Fatal error: .*|ALARM: .*|==[0-9]+== ERROR: libFuzzer: [a-z-]+' "$log" | head -n 1)"
        failed=1
    fi
    printf '%-10s %12s %10s %8s %8s %8s %8s  %s\n' "$t" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${secs:-?}" "${rss:-?}" "$result"
done
echo "fuzz: $(( $(date +%s) - started )) s in all; artifacts (if any) in $SCRATCH/artifacts/"
[ "$failed" -eq 0 ] || { ls -la "$SCRATCH/artifacts/" >&2; exit 1; }
