# village-counsel: set-up and the two everyday commands (see README.md).
#   make demo   installs what is missing, builds, plans the Nanning demo county, prints the summary
#   make test   installs what is missing, builds and runs the whole test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO ?= Data/nanning-wuming
OUT ?= out/$(notdir $(DEMO))

.PHONY: deps demo test bench leak-check clean

# Debian packages: libglpk-dev (the solver library and header), glpk-utils (glpsol, used by the
# tests to re-solve exported models), valgrind (leak check).
deps:
	@missing=""; \
	[ -f /usr/include/glpk.h ] || missing="$$missing libglpk-dev"; \
	command -v glpsol >/dev/null || missing="$$missing glpk-utils"; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# Python's icalendar parses the exported calendars in a test, as a second reader (skipped if absent).
	@python3 -c "import icalendar" 2>/dev/null || python3 -m pip install -q icalendar >/dev/null 2>&1 || echo "note: icalendar not installed; its test will be skipped"
	@# Chromium renders report.html to a PNG in a test (skipped if absent); make goes on if apt cannot install it.
	@if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
	  echo "installing: chromium"; \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; } \
	    || echo "note: chromium not installed; the report rendering test will be skipped"; \
	fi

demo: deps
	swift build -c release --product village-counsel
	.build/release/village-counsel assign $(DEMO) --out $(OUT)

test: deps
	swift build --build-tests
	swift test
	bash Benchmarks/leak-check.sh

bench: deps
	swift build -c release --product village-counsel
	swift build -c release --product counsel-bench
	.build/release/counsel-bench run

clean:
	rm -rf .build out bench-out
