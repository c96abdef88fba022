# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO ?= demo-repo

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Build the demo negotiation (once), its members' site (demo-repo-site/index.html), open the TUI.
demo: $(STAMP)
	@test -d $(DEMO) || $(BIN)/proposals demo $(DEMO)
	$(BIN)/proposals -C $(DEMO) publish -o $(abspath $(DEMO))-site
	$(BIN)/proposals tui $(DEMO)

## Lint and run the whole test suite, one worker process per core (pytest-xdist): each test file
## stays in one worker, so its module fixtures (a LibreOffice pass, a demo) are built once.
test: $(STAMP)
	$(BIN)/ruff check src tui tests bench tools
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n auto --dist loadfile

## Benchmarks: prints one Markdown table per benchmark.
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO) $(DEMO)-site bench/.corpus .pytest_cache
