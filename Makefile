# village-counsel: set-up and the two everyday commands (see README.md).
#   make demo      installs what is missing, builds, plans the Nanning demo county, prints the summary
#   make test      installs what is missing, builds and runs the whole test suite
#   make fuzz      libFuzzer on the readers, 10^6 executions a target (FUZZ_SECONDS=60 FUZZ_RUNS= for a minute each)
#   make sanitize  the test suite under AddressSanitizer, then UndefinedBehaviorSanitizer
#   make sizes     oversized and explosive inputs at full size, with the release binary
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO ?= Data/nanning-wuming
OUT ?= out/$(notdir $(DEMO))

.PHONY: deps test-deps bench-deps demo test bench leak-check sizes fuzz sanitize clean format lint

# Debian packages the planner needs: libglpk-dev (the solver library and header), zlib1g-dev
# (ZIPFoundation, which reads and writes .xlsx workbooks, deflates with zlib) and libqrencode-dev
# (the QR codes of the WeChat IDs on notice boards and contact cards).
deps:
	@missing=""; \
	[ -f /usr/include/glpk.h ] || missing="$$missing libglpk-dev"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	[ -f /usr/include/qrencode.h ] || missing="$$missing libqrencode-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# What the tests need besides: glpk-utils (glpsol re-solves exported models), valgrind (leak
# check), zbar-tools (zbarimg decodes the QR codes back); and, for second readers that are skipped with a message if they cannot be had, Python's
# icalendar (parses the calendars), openpyxl (reads and writes the .xlsx workbooks) and Chromium
# with CJK fonts (renders report.html to a PNG).
test-deps: deps
	@missing=""; \
	command -v glpsol >/dev/null || missing="$$missing glpk-utils"; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import icalendar" 2>/dev/null || python3 -m pip install -q icalendar >/dev/null 2>&1 || echo "note: icalendar not installed; its test will be skipped"
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q openpyxl >/dev/null 2>&1 || echo "note: openpyxl not installed; the workbook tests that use it will be skipped"
	@if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
	  echo "installing: chromium fonts-noto-cjk"; \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; } \
	    || echo "note: chromium not installed; the report rendering test will be skipped"; \
	fi

demo: deps
	swift build -c release --product village-counsel
	.build/release/village-counsel assign $(DEMO) --out $(OUT)

test: test-deps
	$(MAKE) lint
	swift build --build-tests
	swift test
	bash Benchmarks/leak-check.sh
	$(MAKE) fuzz FUZZ_SECONDS=60 FUZZ_RUNS=

# What `make bench` needs besides the planner: the peers that re-solve the exported models. From
# PyPI highspy (HiGHS) and ortools (the min-cost-flow core; networkx stands in without it), and
# Debian's coinor-cbc for `--peers cbc`. A peer that cannot be had is skipped with a message.
bench-deps: deps
	@python3 -c "import highspy" 2>/dev/null || python3 -m pip install -q highspy >/dev/null 2>&1 || echo "note: highspy not installed; the HiGHS peer will be skipped"
	@python3 -c "from ortools.graph.python import min_cost_flow" 2>/dev/null || python3 -m pip install -q ortools >/dev/null 2>&1 || echo "note: ortools not installed; the flow peer falls back to networkx or is skipped"
	@if ! command -v cbc >/dev/null; then \
	  echo "installing: coinor-cbc"; \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq coinor-cbc; } \
	    || echo "note: coinor-cbc not installed; --peers cbc will be skipped"; \
	fi

# The realistic default stages (Benchmarks/README.md "Running"): the plain engine on county, city and
# province, stable and township on county and city, each against HiGHS and the flow core in the same
# run; tables on stdout and in bench-out/results.md. Other stages and sizes: BENCH_ARGS, e.g.
#   make bench BENCH_ARGS="--stages assign --sizes national --peer-sizes national"
#   make bench BENCH_ARGS="--stages schedule,team,support,rebalance"
BENCH_ARGS ?=
bench: bench-deps
	swift build -c release --product village-counsel
	swift build -c release --product counsel-bench
	.build/release/counsel-bench run $(BENCH_ARGS)

# The code's format (.swift-format: 4 spaces, lines of at most 120 columns) with the toolchain's
# swift-format: `make format` rewrites the files in place, `make lint` only reports (exit 1 when
# a file differs); `make test` (and so CI) starts with `make lint`.
SWIFT_FORMAT ?= $(shell command -v swift-format 2>/dev/null || echo /opt/swift/usr/bin/swift-format)
FORMAT_PATHS := Package.swift Sources Tests Benchmarks/Sources

format:
	$(SWIFT_FORMAT) format --in-place --recursive --parallel $(FORMAT_PATHS)

lint:
	$(SWIFT_FORMAT) lint --strict --recursive --parallel $(FORMAT_PATHS)

# Issue 13's oversized and explosive inputs at full size (a 300 MB villages.csv, a single 50 MB
# line, a million duplicate ids, a YAML alias bomb, preferences naming a million unknown ids), each
# generated into a temporary folder and run through `validate` with the release binary: refused with
# the first problems named and the rest counted, in at most 3x the input's memory above the
# baseline (Benchmarks/hostile-sizes.py). The test suite runs the same cases at 100,000 rows.
sizes: deps
	swift build -c release --product village-counsel
	python3 Benchmarks/hostile-sizes.py .build/release/village-counsel

# Coverage-guided fuzzing (Fuzz/README.md): each target built with libFuzzer and AddressSanitizer
# into .build-fuzz and run FUZZ_RUNS times (or FUZZ_SECONDS each); exit 1 on a crash, trap, leak or
# input taking over 1 s. The toolchain's clang links with lld (ld.lld ships with Swift).
FUZZ_RUNS ?= 1000000
FUZZ_SECONDS ?=
FUZZ_JOBS ?= 1
fuzz: deps
	FUZZ_RUNS="$(FUZZ_RUNS)" FUZZ_SECONDS="$(FUZZ_SECONDS)" FUZZ_JOBS="$(FUZZ_JOBS)" bash Fuzz/run.sh

# The whole test suite under AddressSanitizer, then under UndefinedBehaviorSanitizer, each in its
# own build folder; the end-to-end tests run the sanitized binary too. VILLAGE_COUNSEL_SANITIZER
# tells the tests that measure memory to skip that bound (a sanitizer's shadow memory is not the
# program's). LeakSanitizer is off here: XCTest and Foundation's Process leak weak-reference side
# tables that hold whole test-case objects, so every test class would be reported; leaks are found
# by the fuzzers (LeakSanitizer on every input, `make fuzz`) and by `make test`'s valgrind check.
# Swift on Linux has no -sanitize=undefined ("unsupported option"): UBSan instruments the C code
# compiled here (the GLPK guard, Sources/CGLPKGuard, and libyaml inside Yams) and halts on its
# first report; the Swift code traps on overflow and out-of-range access by itself.
UBSAN_FLAGS := -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined
sanitize: test-deps
	swift build --build-tests --sanitize=address --scratch-path .build-asan
	VILLAGE_COUNSEL_SANITIZER=address ASAN_OPTIONS=detect_leaks=0 swift test --skip-build --sanitize=address --scratch-path .build-asan
	swift build --build-tests --scratch-path .build-ubsan $(UBSAN_FLAGS)
	VILLAGE_COUNSEL_SANITIZER=undefined UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 swift test --skip-build --scratch-path .build-ubsan $(UBSAN_FLAGS)

clean:
	rm -rf .build .build-fuzz .build-asan .build-ubsan out bench-out
