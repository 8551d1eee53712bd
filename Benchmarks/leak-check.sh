#!/usr/bin/env bash
# Runs a few fast GLPK wrapper tests under valgrind and fails on memory that is definitely lost.
#
# Usage: Benchmarks/leak-check.sh [TestModule.TestClass ...]
#   default classes: GLPKTests.GuardSafetyNetTests (the longjmp safety net: caught GLPK errors,
#   the write-only path and normal solves) and GLPKTests.KnownOptimaTests (LPs and duals).
# Environment:
#   SCRATCH=path        SwiftPM scratch (build) folder, default .build-leakcheck: the debug-info
#                       flags below differ from a normal build, so a separate folder keeps
#                       `.build` from being rebuilt each time
#   LEAK_LOG=path       where valgrind's log goes, default $SCRATCH/leak-check.valgrind.log
#   EXTRA_BUILD_FLAGS   extra `swift build` flags (default: none)
# Exit status: 0 nothing definitely lost from our code (definite leaks that XCTest or Foundation
#   make by themselves are listed but tolerated); 1 memory definitely lost from our code (the C
#   guard, libglpk, the GLPK module or the tests allocated it); 3 the build or the tests failed.
set -euo pipefail

cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-leakcheck}
LEAK_LOG=${LEAK_LOG:-$SCRATCH/leak-check.valgrind.log}
EXTRA_BUILD_FLAGS=${EXTRA_BUILD_FLAGS:-}
if [ "$#" -gt 0 ]; then CLASSES=("$@"); else CLASSES=(GLPKTests.GuardSafetyNetTests GLPKTests.KnownOptimaTests); fi

if ! command -v valgrind >/dev/null 2>&1; then
    echo "leak-check: installing valgrind" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq valgrind >/dev/null
fi

# Valgrind 3.19 (Debian 12) cannot read the DWARF 5 that Swift 6 and its clang emit ("unhandled
# dwarf2 abbrev form code 0x25 … Possibly corrupted debuginfo file … Giving up"): ask for DWARF 4.
DWARF_FLAGS=(-Xswiftc -dwarf-version=4 -Xcc -gdwarf-4)

echo "leak-check: building the test product (debug, DWARF 4) in $SCRATCH"
# shellcheck disable=SC2086
if ! swift build --build-tests -c debug --scratch-path "$SCRATCH" "${DWARF_FLAGS[@]}" $EXTRA_BUILD_FLAGS; then
    echo "leak-check: build failed" >&2
    exit 3
fi
# shellcheck disable=SC2086
BIN=$(swift build -c debug --scratch-path "$SCRATCH" "${DWARF_FLAGS[@]}" $EXTRA_BUILD_FLAGS --show-bin-path)
BUNDLE=$(find "$BIN" -maxdepth 1 -name '*PackageTests.xctest' | head -n 1)
if [ -z "$BUNDLE" ]; then echo "leak-check: no *PackageTests.xctest in $BIN" >&2; exit 3; fi

FILTER=$(IFS=,; echo "${CLASSES[*]}")
echo "leak-check: valgrind on $BUNDLE, tests $FILTER (log: $LEAK_LOG)"
status=0
TEST_LOG="${LEAK_LOG%.log}.tests.log"
valgrind --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --error-exitcode=9 --num-callers=40 --log-file="$LEAK_LOG" \
    "$BUNDLE" "$FILTER" >"$TEST_LOG" 2>&1 || status=$?
grep -E "Executed [0-9]+ tests?" "$TEST_LOG" | tail -n 1 | sed 's/^[[:space:]]*/  tests: /' || true
if grep -q "Giving up" "$LEAK_LOG"; then
    echo "leak-check: valgrind could not read the binary's debug information; see $LEAK_LOG" >&2
    exit 3
fi

if [ "$status" -ne 0 ] && [ "$status" -ne 9 ]; then
    echo "leak-check: the tests failed under valgrind (exit $status); see $TEST_LOG and $LEAK_LOG" >&2
    grep -E "error:" "$TEST_LOG" | head -n 20 >&2 || true
    exit 3
fi
if ! grep -qE "Executed [1-9][0-9]* tests?, with 0 failures" "$TEST_LOG"; then
    echo "leak-check: no test ran, or one failed; see $TEST_LOG" >&2
    exit 3
fi

echo "leak-check: valgrind summary"
grep -E "ERROR SUMMARY|definitely lost:|indirectly lost:|possibly lost:|still reachable:|suppressed:|All heap blocks were freed" "$LEAK_LOG" \
    | sed -E 's/^==[0-9]+== +/  /' || true

# Split the log into loss records. A record is ours when the first frame above the allocator
# (skipping malloc, the Swift runtime's allocation and libc helpers such as strdup) is in our
# code: the C guard, libglpk, the GLPK module or the tests. Leaks that XCTest or Foundation make
# on their own (e.g. XCTestCase.wait's weak references) then count as the toolchain's.
OURS='vc_solve|vc_glpk|glp_|_glp_|libglpk|\$s4GLPK|\$s9GLPKTests|/Sources/GLPK/|/Sources/CGLPKGuard/|/Tests/GLPKTests/'
ALLOC='vgpreload_|libswiftCore\.so|libc\.so|libc-|ld-linux|swift_slowAlloc|swift_allocObject|swift_allocBox|malloc|calloc|realloc|memalign|strdup'
CLASSIFY='
    BEGIN { ours = ENVIRON["OURS"]; alloc = ENVIRON["ALLOC"] }
    /definitely lost in loss record/ { total++; looking = 1; head = $0; sub(/^==[0-9]+== */, "", head); next }
    looking && /^==[0-9]+== +(at|by) / {
        if ($0 ~ alloc) next
        frame = $0; sub(/^==[0-9]+== +(at|by) 0x[0-9A-F]+: */, "", frame)
        mine_now = ($0 ~ ours)
        if (mine_now) mine++
        if (mode == "list") printf "  [%s] %s\n    first caller: %s\n", mine_now ? "OURS" : "toolchain", head, frame
        looking = 0; next
    }
    looking && /^==[0-9]+== *$/ { looking = 0 }
    END { if (mode == "count") print total + 0, mine + 0 }'
export OURS ALLOC
read -r total ours < <(awk -v mode=count "$CLASSIFY" "$LEAK_LOG")

if [ "$total" -eq 0 ]; then
    echo "leak-check: OK, definitely lost from our code: 0 (no definite leak at all)"
    exit 0
fi
echo "leak-check: $total definite loss record(s), $ours from our code:"
awk -v mode=list "$CLASSIFY" "$LEAK_LOG"
if [ "$ours" -gt 0 ]; then
    echo "leak-check: FAILED, memory definitely lost from our code; full stacks in $LEAK_LOG" >&2
    exit 1
fi
echo "leak-check: OK, definitely lost from our code: 0 (the records above are XCTest/Foundation's own)"
exit 0
