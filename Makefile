# The project's commands. Every target creates .venv and installs the project
# (with the pinned versions of requirements.lock) when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
KERNEL := huzhou-tiangong

.PHONY: setup report test lab refresh bench lint clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (Huzhou Tiangong)"
	touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)  ## run every notebook in zh and en, then build build/site/
	$(BIN)/python -m helpers run

test: $(STAMP)  ## unit tests, nbval over notebooks/, runner, site and browser tests
	$(BIN)/python -m pytest

lab: $(STAMP)  ## JupyterLab on 127.0.0.1 on a scratch copy of the notebooks (build/scratch/); see README
	$(BIN)/python -m helpers lab

refresh: $(STAMP)  ## re-execute the committed notebooks in place (default parameters)
	$(BIN)/python -m helpers refresh

bench: $(STAMP)  ## time full, no-op and one-notebook rebuilds; seconds per MB of the text work; cost per case
	$(BIN)/python benchmarks/bench_text.py
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_cases.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools

clean:  ## remove build/ (refused while a run holds build/.lock)
	if test -x $(BIN)/python; then $(BIN)/python -m helpers clean; else rm -rf build; fi
