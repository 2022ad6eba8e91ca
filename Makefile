# Set-up and main jobs. Needs only python3 (with venv) and make.
PYTHON ?= python3
VENV   ?= .venv
BENCH  ?=
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: build test bench bench-commands bench-bulk bench-imports eval-importers pictures screenshots install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	rm -rf build
	$(PIP) install .

install-test: $(BIN)/python
	rm -rf build
	$(PIP) install ".[test]"

build: install
	$(BIN)/parley build

test: install-test
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py $(BENCH)

# Whole commands after a build, with the analysis tables and on the graph file alone.
bench-commands: install
	$(BIN)/python bench/commands.py --out bench/COMMANDS.md

# A PA-X file of full size (generated), imported and built with a PAA-X file, timed.
bench-imports: install
	$(BIN)/python bench/pax_import.py --out bench/IMPORTS.md

# ICEWS-shaped files of 11k, 110k and 1.1M rows built as bulk rows, timed, with peak memory.
bench-bulk: install
	$(BIN)/python bench/bulk.py --out bench/BULK.md

# PA-X's free-text party lists read by parley against PeaceRep's hand coding (PAA-X);
# PAAX names the PAA-X signatories CSV (default: the excerpt beside the repository).
PAAX ?=
eval-importers: install
	$(BIN)/python bench/eval_importers.py $(PAAX) --out docs/importer-evaluation.md

# The pictures in docs/: the bundled data set's, and at real size (a generated PA-X-sized import).
pictures: install
	$(BIN)/python bench/pictures.py --docs docs

# The explorer's screenshots in docs/ (needs chromium and chromium-driver; .ci/run installs them).
screenshots: install
	$(PIP) install "selenium>=4.20"
	$(BIN)/python bench/screenshots.py --docs docs

clean:
	rm -rf $(VENV) out build dist *.egg-info
