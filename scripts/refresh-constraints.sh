#!/bin/sh
# Rewrites constraints.txt: the newest releases that pyproject.toml allows,
# installed into a scratch venv and frozen. `make test` then installs exactly
# these (scripts/setup-venv.sh), so a test run does not change with a release
# that came out since. Run by `make constraints`; review the diff, run
# `make test lint`, and commit constraints.txt with what the new releases needed.
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-$(sh scripts/find-python.sh)}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$PY" -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --upgrade pip
"$scratch/venv/bin/python" -m pip install --quiet -e '.[dev]'
version="$("$scratch/venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
{
    echo "# Pinned versions of everything \`make test\` installs (pip install -c constraints.txt -e .[dev])."
    echo "# Frozen on Python $version by \`make constraints\` (scripts/refresh-constraints.sh); do not edit by hand."
    echo "# Qt is pinned for Python 3.12 and later only: on 3.11 pyproject.toml holds it below 6.12."
    "$scratch/venv/bin/python" -m pip freeze --exclude-editable \
        | grep -v -i -E '^(clerk[-_]desk)([=@ ]|$)' \
        | sed -E 's/^((pyside6|shiboken6)[^=]*==.*)$/\1 ; python_version >= "3.12"/I'
} > constraints.txt.new
mv constraints.txt.new constraints.txt
echo "refresh-constraints: wrote constraints.txt ($(grep -c '==' constraints.txt) pins, Python $version)"
