# The two commands a newcomer needs (see README.md):
#   make run    set everything up on this machine and start ClerkDesk on the embedded default
#   make test   set everything up and run the whole test suite
# Everything else here is what those two call.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system-packages lint bench clean

run: setup
	$(BIN)/clerk-desk

test: setup
	$(BIN)/python -m pytest

setup: system-packages $(STAMP)

# Debian/Ubuntu packages the embedded default needs (fonts, Qt's xcb libs,
# pdftoppm). Skipped where apt-get is missing or we are not root: then
# install the equivalents by hand (see docs/setup.md).
system-packages:
	@sh scripts/install-system-packages.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

lint: setup
	$(BIN)/ruff check clerk_desk tests bench examples
	$(BIN)/python -m mypy

bench: setup
	$(BIN)/python bench/bench_core.py

clean:
	rm -rf $(VENV) build *.egg-info
