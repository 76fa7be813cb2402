# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch first, pinned: a plain `torch` (or one pulled in by sentence-transformers) is a
# multi-gigabyte GPU build. 2.13.0 is the CPU build this machine's package index serves.
TORCH := torch==2.13.0

.PHONY: run test install install-test ingest serve clean bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

ingest: install
	$(BIN)/assistant ingest

run: ingest
	$(BIN)/assistant chat

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python benchmarks/run_benchmarks.py

clean:
	rm -rf index/* $(VENV)
