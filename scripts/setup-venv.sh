#!/bin/sh
# Creates .venv with the project and its test tools, at the versions pinned in
# constraints.txt (refreshed by `make constraints`), or leaves it alone when it
# was made by the same interpreter from the same pyproject.toml and constraints.txt.
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-$(sh scripts/find-python.sh)}"
want="$("$PY" -c 'import sys; print(sys.executable, sys.version.split()[0])') $(cksum < pyproject.toml) $(cksum < constraints.txt)"
if [ -f .venv/.installed ] && [ "$(cat .venv/.installed)" = "$want" ]; then
    exit 0
fi
echo "setup-venv: building .venv with $PY"
rm -rf .venv
"$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e '.[dev]'
echo "$want" > .venv/.installed
