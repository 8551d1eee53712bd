# village-counsel: set-up and the two everyday commands (see README.md).
#   make demo   installs what is missing, builds, plans the Nanning demo county, prints the summary
#   make test   installs what is missing, builds and runs the whole test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO ?= Data/nanning-wuming
OUT ?= out/$(notdir $(DEMO))

.PHONY: deps test-deps demo test bench leak-check clean

# Debian packages the planner needs: libglpk-dev (the solver library and header) and zlib1g-dev
# (ZIPFoundation, which reads and writes .xlsx workbooks, deflates with zlib).
deps:
	@missing=""; \
	[ -f /usr/include/glpk.h ] || missing="$$missing libglpk-dev"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# What the tests need besides: glpk-utils (glpsol re-solves exported models), valgrind (leak
# check); and, for second readers that are skipped with a message if they cannot be had, Python's
# icalendar (parses the calendars), openpyxl (reads and writes the .xlsx workbooks) and Chromium
# with CJK fonts (renders report.html to a PNG).
test-deps: deps
	@missing=""; \
	command -v glpsol >/dev/null || missing="$$missing glpk-utils"; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
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
	swift build --build-tests
	swift test
	bash Benchmarks/leak-check.sh

bench: test-deps
	swift build -c release --product village-counsel
	swift build -c release --product counsel-bench
	.build/release/counsel-bench run --stages assign,schedule,team,support,rebalance  # township and stable at city size exceed the stage timeout (issue 3 note); run them alone with --stages

clean:
	rm -rf .build out bench-out
