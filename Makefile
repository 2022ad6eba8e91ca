# Set-up and main jobs. Needs only python3 (with venv) and make.
PYTHON ?= python3
VENV   ?= .venv
BENCH  ?=
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: build test bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(PIP) install .

install-test: $(BIN)/python
	$(PIP) install ".[test]"

build: install
	$(BIN)/parley build

test: install-test
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py $(BENCH)

clean:
	rm -rf $(VENV) out build dist *.egg-info
