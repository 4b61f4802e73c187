# balju — two commands on a fresh machine:
#   make demo   set up, then review the sample RFP shipped in examples/ (reports in out/, saved in out/balju.db)
#   make test   set up, then run the whole test suite
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# pip's configured local indexes that do not exist on every machine make it warn once per package.
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: setup demo test bench lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml scripts/install-system.sh
	bash scripts/install-system.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.lock $(QUIET_PIP)
	$(BIN)/python -m pip install -q --no-deps -e . $(QUIET_PIP)
	touch $(STAMP)

# the tests also need a PostgreSQL server and Chromium (Debian packages)
$(TEST_STAMP): $(STAMP)
	bash scripts/install-system.sh --test
	touch $(TEST_STAMP)

demo: setup
	$(BIN)/balju review examples/sample_rfp.hwp --output out --db out/balju.db --keep-file

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

bench: setup
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b; done

# Re-pin after changing dependencies in pyproject.toml.
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v "^balju" > requirements.lock  # from a venv with only `pip install -e ".[test]"`

clean:
	rm -rf $(VENV) out .pytest_cache
