# Two commands on a fresh machine: `make run` (the app on the bundled lessons: Getting started
# first, then the next unfinished one) and `make test` (the whole suite, Qt offscreen). Both
# set everything up first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench bench-quick screenshots translations bundle clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	@bash scripts/install-system-deps.sh test

run: setup
	@bash scripts/install-system-deps.sh desktop
	$(BIN)/literacy-app

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check literacy_app tests benchmarks
	$(BIN)/mypy

# The whole table (several minutes). SEMEVAL_SI_SCORER=path/to/task-SI_scorer.py times the
# organisers' scorer too (see benchmarks/bench_grading.py).
bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# CI's guard: smaller sizes, limits 3x the targets, under a minute; fails on a MISS.
bench-quick: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks --quick

screenshots: setup
	bash scripts/screenshots.sh

# The catalogue from the code: literacy_app/locale/literacy_app.pot extracted, each language's .po
# updated (translations kept) and compiled to the committed .mo (docs/translating.md).
# `scripts/translations.py --merge es FRAGMENT.po...` brings a translator's file in first.
translations: setup
	$(BIN)/python scripts/translations.py

# The app in one folder for people without Python: dist/literacy-app/literacy-app (PyInstaller
# comes with the dev extra; docs/shipping.md says how the same spec builds on Windows and macOS).
bundle: setup
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/literacy-app.spec

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
