# The two commands a newcomer needs (see README.md):
#   make run    set everything up on this machine and start ClerkDesk on the embedded default
#   make test   set everything up and run the whole test suite
# Everything else here is what those two call.

VENV := .venv
BIN := $(VENV)/bin
TS := clerk_desk/ui/i18n/clerk_desk_zh_CN.ts
QM := $(TS:.ts=.qm)
# English is the source language: its file holds only the plural forms ("1 case").
TS_EN := clerk_desk/ui/i18n/clerk_desk_en.ts
QM_EN := $(TS_EN:.ts=.qm)

.PHONY: run test setup venv system-packages translations update-translations lint bench clean \
	constraints wheel server soak

run: setup
	$(BIN)/clerk-desk

test: setup
	$(BIN)/python -m pytest

# The county server on the embedded default (a SQLite file in the user's data directory,
# on 127.0.0.1:8470); CLERK_CENTRAL_DATABASE_URL=postgresql://... for PostgreSQL.
server: venv
	$(BIN)/clerk-central serve

setup: system-packages venv translations

# Debian/Ubuntu packages the embedded default needs (fonts, Qt's xcb libs,
# pdftoppm). Skipped where apt-get is missing or we are not root: then
# install the equivalents by hand (see README.md).
system-packages:
	@sh scripts/install-system-packages.sh

# .venv with the best Python here (scripts/find-python.sh; PYTHON=... to choose), with the
# versions pinned in constraints.txt; rebuilt when the interpreter, pyproject.toml or
# constraints.txt changes.
venv:
	@sh scripts/setup-venv.sh

# The zh_CN translation and the English plural forms, compiled from the .ts kept in the repository.
translations: venv
	@$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)
	@$(BIN)/pyside6-lrelease -silent $(TS_EN) -qm $(QM_EN)

# After changing UI strings: refresh the .ts from the sources, then translate.
update-translations: venv
	$(BIN)/pyside6-lupdate clerk_desk/ui/*.py -ts $(TS) -target-language zh_CN -no-obsolete
	$(BIN)/pyside6-lupdate clerk_desk/ui/*.py -ts $(TS_EN) -target-language en -pluralonly -no-obsolete

# mypy: strict on the package (pyproject.toml), then tests/ without strict's demand for
# annotations on every test, nor None checks on attribute access (a None fails the test at once),
# nor the ignores strict needs there.
MYPY_TESTS := --allow-untyped-defs --allow-incomplete-defs --allow-untyped-calls \
	--allow-any-generics --allow-untyped-decorators --no-warn-return-any --check-untyped-defs \
	--no-warn-unused-ignores --disable-error-code union-attr

lint: setup
	$(BIN)/ruff check clerk_desk clerk_central tests bench examples setup.py
	$(BIN)/python -m mypy
	$(BIN)/python -m mypy $(MYPY_TESTS) tests

# Re-pin the test dependencies: the newest releases pyproject.toml allows, frozen into
# constraints.txt (scripts/refresh-constraints.sh). Then `make test lint` and commit.
constraints:
	@sh scripts/refresh-constraints.sh

# A wheel that stands alone (the sample catalog and the compiled translations inside):
# dist/clerk_desk-VERSION-py3-none-any.whl. setup.py refuses to build without the .qm.
wheel: translations
	rm -rf build
	$(BIN)/python -m pip wheel --no-deps --quiet -w dist .

bench: setup
	$(BIN)/python bench/bench_core.py

# Sync proven by fault injection at scale (docs/sync-faults.md): >= 1,000 kill points,
# 50,000 changes after 14 days offline, answers cut, database connections lost, a
# village link. Half an hour or more; `make test` runs the same tests, bounded.
soak: setup
	PYTHONPATH=$(CURDIR) QT_QPA_PLATFORM=offscreen nice $(BIN)/python scripts/soak.py

clean:
	rm -rf $(VENV) build dist *.egg-info
