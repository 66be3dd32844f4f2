# Passend Werk Atlas — `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
STORE ?= var/store

.PHONY: run test lint typecheck unit stores app e2e bench demo clean install install-test browser servers

# uv installs the same packages from PyPI as pip does, in about a sixth of the time on a fresh machine. Unlike
# pip it does not compile them unless asked: where PYTHONDONTWRITEBYTECODE is set, every new Python
# process then compiled pandas, rdflib and Streamlit anew (3.4-4.1 s to import them instead of 1.2-1.5 s).
$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: $(VENV)/.installed
	PASSENDWERK_STORE=$(STORE) $(BIN)/python -m graph init
	PASSENDWERK_STORE=$(STORE) $(BIN)/python -m ui.serve --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# The tiers: unit (pure functions, under a minute, nothing to start), stores (the three engines and the
# command line), app (every page in Streamlit's AppTest), e2e (a real Chromium). `make test` runs them all.
unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/unit -q

stores: $(VENV)/.installed-test servers
	$(BIN)/python -m pytest -m stores -n 2 --dist loadfile --no-loadscope-reorder

app: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m app -n 2 --dist loadfile --no-loadscope-reorder

# Debian's Chromium for the browser tests, and axe-core for their accessibility checks.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@test -f .cache/npm/node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4

# Virtuoso from Debian for the server tests (the Oxigraph server comes from PyPI with the test extras).
servers:
	@command -v virtuoso-t >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null)

e2e: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -m browser

# Three workers, one test file each at a time, on a machine of two cores: a browser test waits for the app and
# the page, a server test for the server, and a third worker uses that time (the same suite on one slow 2-core
# machine: 25 min with two workers, 21 with three). The long files start first (tests/conftest.py); without
# --no-loadscope-reorder pytest-xdist would hand out the files with the most tests first instead, and the
# browser files, few tests but minutes each, ended the run on their own.
test: lint typecheck $(VENV)/.installed-test browser servers
	$(BIN)/python -m compileall -q -j 0 app.py graph ui devtools bench tests
	$(BIN)/python -m pytest -n 3 --dist loadfile --no-loadscope-reorder

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

demo: $(VENV)/.installed
	PASSENDWERK_STORE=$(STORE) $(BIN)/python -m devtools demo --scale 1 --load

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis test-output
