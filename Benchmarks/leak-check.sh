#!/usr/bin/env bash
# Runs a few fast GLPK wrapper tests under valgrind and fails on memory that is definitely lost.
#
# Usage: Benchmarks/leak-check.sh [TestModule.TestClass ...]
#   default classes: GLPKTests.GuardSafetyNetTests (the longjmp safety net: caught GLPK errors,
#   the write-only path and normal solves) and GLPKTests.KnownOptimaTests (LPs and duals).
# Environment:
#   SCRATCH=path        SwiftPM scratch (build) folder, default .build
#   LEAK_LOG=path       where valgrind's log goes, default $SCRATCH/leak-check.valgrind.log
#   EXTRA_BUILD_FLAGS   extra `swift build` flags (default: -Xlinker -lglpk, see below)
# Exit status: 0 no definite leak; 1 a definite leak whose stack passes through our code
#   (GLPK wrapper, C guard, libglpk, the tests); 2 a definite leak elsewhere only (toolchain
#   runtime), listed for inspection; 3 the build or the tests failed.
set -euo pipefail

cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build}
LEAK_LOG=${LEAK_LOG:-$SCRATCH/leak-check.valgrind.log}
# CGLPKGuard does not link libglpk itself yet (the modulemap's `link "glpk"` only reaches Swift
# importers of CGLPK); a duplicate -lglpk is harmless once Package.swift links it.
EXTRA_BUILD_FLAGS=${EXTRA_BUILD_FLAGS:--Xlinker -lglpk}
if [ "$#" -gt 0 ]; then CLASSES=("$@"); else CLASSES=(GLPKTests.GuardSafetyNetTests GLPKTests.KnownOptimaTests); fi

if ! command -v valgrind >/dev/null 2>&1; then
    echo "leak-check: installing valgrind" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq valgrind >/dev/null
fi

echo "leak-check: building the test product (debug)"
# shellcheck disable=SC2086
if ! swift build --build-tests -c debug --scratch-path "$SCRATCH" $EXTRA_BUILD_FLAGS; then
    echo "leak-check: build failed" >&2
    exit 3
fi
BIN=$(swift build -c debug --scratch-path "$SCRATCH" --show-bin-path)
BUNDLE=$(find "$BIN" -maxdepth 1 -name '*PackageTests.xctest' | head -n 1)
if [ -z "$BUNDLE" ]; then echo "leak-check: no *PackageTests.xctest in $BIN" >&2; exit 3; fi

FILTER=$(IFS=,; echo "${CLASSES[*]}")
echo "leak-check: valgrind on $BUNDLE, tests $FILTER (log: $LEAK_LOG)"
status=0
TEST_LOG="${LEAK_LOG%.log}.tests.log"
valgrind --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --error-exitcode=9 --num-callers=40 --log-file="$LEAK_LOG" \
    "$BUNDLE" "$FILTER" >"$TEST_LOG" 2>&1 || status=$?
grep -E "^Test Suite '(Selected tests|All tests)' (passed|failed)|Executed [0-9]+ tests" "$TEST_LOG" | tail -n 1 | sed 's/^/  /'

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
grep -E "ERROR SUMMARY|definitely lost:|indirectly lost:|possibly lost:|still reachable:|All heap blocks were freed" "$LEAK_LOG" \
    | sed -E 's/^==[0-9]+== +/  /'

# Split the log into loss records and count the definite ones that touch our code.
OURS='vc_solve|vc_glpk|glp_|_glp_|libglpk|CGLPKGuard|GLPK[A-Za-z]*\.swift|\$s4GLPK|GLPKTests|\$s9GLPKTests'
read -r total ours < <(awk -v ours="$OURS" '
    /definitely lost in loss record/ { inrec = 1; hit = 0; total++; next }
    inrec && /^==[0-9]+== *$/ { if (hit) mine++; inrec = 0; next }
    inrec && $0 ~ ours { hit = 1 }
    END { if (inrec && hit) mine++; print total + 0, mine + 0 }' "$LEAK_LOG")

if [ "$total" -eq 0 ]; then
    echo "leak-check: OK, definitely lost from our code: 0 (no definite leak at all)"
    exit 0
fi
echo "leak-check: $total definite loss record(s), $ours through our code:" >&2
awk '/definitely lost in loss record/ { p = 1 } p { print } p && /^==[0-9]+== *$/ { p = 0 }' "$LEAK_LOG" | sed -E 's/^==[0-9]+== ?//' >&2
if [ "$ours" -gt 0 ]; then exit 1; fi
echo "leak-check: no definite leak through our code; the ones above are in the toolchain runtime" >&2
exit 2
