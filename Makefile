# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch first, pinned: a plain `torch` (or one pulled in by sentence-transformers) is a
# multi-gigabyte GPU build. 2.13.0 is the CPU build this machine's package index serves.
TORCH := torch==2.13.0

.PHONY: run test install install-test ingest serve chat clean bench

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

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

ingest: install
	$(BIN)/assistant ingest

# Ingest (skipping what is unchanged), then serve the chat at / and the API under /v1.
run: ingest
	$(BIN)/assistant serve --host 127.0.0.1 --port 7860

serve: install
	$(BIN)/assistant serve

chat: ingest
	$(BIN)/assistant chat

test: install-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run_benchmarks.py
	$(BIN)/python benchmarks/load_api.py --clients 20 --questions 10

clean:
	rm -rf index/* $(VENV)
